//! The npm module's types as a TypeScript developer meets them: `tests/types/` (a consumer of every
//! export, with `@ts-expect-error` lines for the usual mistakes) and the READMEs' `ts` examples,
//! compiled against `pkg/` with `tsc --strict --noEmit` under `nodenext` and `bundler` resolution,
//! by both pinned compilers (TypeScript 7 and 5).

use std::path::Path;
use std::process::Command;

use crate::{root, run, Result};

/// The READMEs whose ```ts examples are compiled with the consumer.
const READMES: [&str; 2] = ["README.md", "xtask/package/README.md"];

/// The compilers, each as a command: the TypeScript 7 native binary and TypeScript 5 under node.
fn compilers(root: &Path) -> [Command; 2] {
    let mut ts5 = Command::new("node");
    ts5.arg(root.join("node_modules/typescript5/bin/tsc"));
    [Command::new(root.join("node_modules/.bin/tsc")), ts5]
}

/// Compiles `tests/types/` against `pkg/` (which must be packaged) with every compiler and config.
pub(crate) fn typecheck() -> Result {
    let root = root();
    let fixture = root.join("tests/types");
    // The package resolved as a consumer's is: by name, through node_modules and its `exports`.
    let modules = fixture.join("node_modules");
    std::fs::create_dir_all(&modules).map_err(|e| format!("{}: {e}", modules.display()))?;
    let link = modules.join("nhsmail-rules");
    if std::fs::symlink_metadata(&link).is_ok() {
        std::fs::remove_file(&link).map_err(|e| format!("{}: {e}", link.display()))?;
    }
    symlink(&root.join("pkg"), &link)?;
    write_readme_examples(&root, &fixture.join("readme"), &fixture.join("readme-web"))?;
    // No tsconfig: TypeScript's defaults, as `tsc --strict app.ts` gives them.
    for mut tsc in compilers(&root) {
        run(tsc.arg(fixture.join("plain.ts")).args([
            "--strict",
            "--noEmit",
            "--skipLibCheck",
            "false",
        ]))?;
    }
    for config in ["tsconfig.nodenext.json", "tsconfig.bundler.json"] {
        for mut tsc in compilers(&root) {
            run(tsc
                .arg("-p")
                .arg(fixture.join(config))
                .args(["--strict", "--noEmit"]))?;
        }
    }
    Ok(())
}

/// The line wasm-bindgen writes in each exported class's declaration (`Evaluator`) so that
/// `using` frees it: it names `Symbol.dispose`, which only TypeScript's `esnext` (or
/// `esnext.disposable`) library declares, so a consumer compiled with any other `lib` (or with
/// none: `tsc --strict app.ts`) fails inside the package's types. The method stays at run time;
/// only its declaration goes.
const SYMBOL_DISPOSE: &str = "    [Symbol.dispose](): void;\n";

/// `text` without the [`SYMBOL_DISPOSE`] declarations, and how many there were.
fn drop_symbol_dispose(text: &str) -> (String, usize) {
    (
        text.replace(SYMBOL_DISPOSE, ""),
        text.matches(SYMBOL_DISPOSE).count(),
    )
}

/// Fields every JS export has although Rust's type may lack them: `summary.held` and `held`
/// are optional in Rust because an export of schema `/1` read back has neither, but the npm
/// module only writes schema `/2`. tsify marks a field with `skip_serializing_if` optional and
/// has no way to say otherwise, so the package step says it: `(as generated, as written)`, each
/// found exactly once.
const ALWAYS_THERE: [(&str, &str); 2] = [
    ("    held?: number;\n", "    held: number;\n"),
    ("    held?: HeldAccount[];\n", "    held: HeldAccount[];\n"),
];

/// `text` with the [`ALWAYS_THERE`] fields required, or the first one not found exactly once.
fn require_always_there(text: &str) -> std::result::Result<String, &'static str> {
    let mut text = text.to_owned();
    for (generated, written) in ALWAYS_THERE {
        if text.matches(generated).count() != 1 {
            return Err(generated);
        }
        text = text.replacen(generated, written, 1);
    }
    Ok(text)
}

/// Rewrites the generated `.d.ts` at `path` as the runtime behaves: without its
/// `[Symbol.dispose]` declarations, and with [`ALWAYS_THERE`]'s fields required. Checked against
/// the generator's output: if a declaration is not there as expected, this wasm-bindgen or tsify
/// writes something else and the build stops rather than guess.
pub(crate) fn as_the_runtime(path: &Path) -> Result {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (text, dropped) = drop_symbol_dispose(&text);
    if dropped == 0 {
        return Err(format!(
            "{}: no `[Symbol.dispose](): void;` in wasm-bindgen's output; check what it writes now",
            path.display()
        ));
    }
    let text = require_always_there(&text).map_err(|missing| {
        format!(
            "{}: `{}` is not in tsify's output exactly once; check what it writes now",
            path.display(),
            missing.trim()
        )
    })?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> Result {
    std::os::unix::fs::symlink(target, link).map_err(|e| format!("{}: {e}", link.display()))
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> Result {
    std::os::windows::fs::symlink_dir(target, link).map_err(|e| format!("{}: {e}", link.display()))
}

/// Writes each README's ```ts blocks as modules `readme/<readme>-<n>.ts`, after clearing the
/// folders (build output, ignored by git). A browser example (one that loads the wasm by URL, or
/// declares the `?url` module for a bundler) goes to `readme-web/` instead, which only the
/// bundler config compiles; a block that declares a module is a `.d.ts` as it is.
fn write_readme_examples(root: &Path, out: &Path, web: &Path) -> Result {
    for dir in [out, web] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut written = 0;
    for readme in READMES {
        let text =
            std::fs::read_to_string(root.join(readme)).map_err(|e| format!("{readme}: {e}"))?;
        let stem = readme.replace(['/', '.'], "-");
        for (n, block) in ts_blocks(&text).into_iter().enumerate() {
            let declares = block.contains("declare module");
            let dir = if declares || block.contains("?url") {
                web
            } else {
                out
            };
            let (extension, end) = if declares {
                ("d.ts", "")
            } else {
                ("ts", "\nexport {};")
            };
            let file = dir.join(format!("{stem}-{}.{extension}", n + 1));
            let module = format!("// From {readme}, ```ts block {}.\n{block}{end}\n", n + 1);
            std::fs::write(&file, module).map_err(|e| format!("{}: {e}", file.display()))?;
            written += 1;
        }
    }
    if written < READMES.len() {
        return Err(format!("expected a ```ts example in each of {READMES:?}"));
    }
    Ok(())
}

/// The bodies of the ```ts (or ```typescript) fenced blocks, in order.
fn ts_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        let fence = line.trim_start();
        match current.as_mut() {
            None if fence == "```ts" || fence == "```typescript" => current = Some(Vec::new()),
            None => {}
            Some(lines) if fence.starts_with("```") => {
                blocks.push(lines.join("\n"));
                current = None;
            }
            Some(lines) => lines.push(line),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::{drop_symbol_dispose, require_always_there, ts_blocks};

    #[test]
    fn symbol_dispose_declarations_go_and_nothing_else() {
        let generated = "export class Evaluator {\n  free(): void;\n    [Symbol.dispose](): void;\n  get policySet(): string;\n}\n";
        let (text, n) = drop_symbol_dispose(generated);
        assert_eq!(n, 1);
        assert_eq!(
            text,
            "export class Evaluator {\n  free(): void;\n  get policySet(): string;\n}\n"
        );
    }

    #[test]
    fn held_is_required_once_and_only_where_generated() {
        let generated = "export interface Summary {\n    accounts: number;\n    held?: number;\n}\nexport interface DecisionExport {\n    held?: HeldAccount[];\n}\n";
        assert_eq!(
            require_always_there(generated).unwrap(),
            "export interface Summary {\n    accounts: number;\n    held: number;\n}\nexport interface DecisionExport {\n    held: HeldAccount[];\n}\n"
        );
        let twice = format!("{generated}{generated}");
        assert!(require_always_there(&twice).is_err());
        assert!(require_always_there("export interface Summary {}\n").is_err());
    }

    #[test]
    fn only_ts_blocks_are_taken_whole() {
        let md = "# A\n```js\nno();\n```\ntext\n```ts\nconst a = 1;\n\nlet b: string;\n```\n```typescript\nx();\n```\n";
        assert_eq!(ts_blocks(md), ["const a = 1;\n\nlet b: string;", "x();"]);
    }
}
