//! Build orchestration: `cargo xtask serve | test | package | build-web`.
//!
//! Every command first installs what is missing (the wasm target, trunk, the wasm-bindgen CLI that
//! matches Cargo.lock, npm packages, and for `test` Debian's chromium), reusing whatever is already
//! installed at the right version. Nothing is fetched from anywhere but the package registries.

mod bench;
mod fuzz;
mod setup;
mod typecheck;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

type Result<T = ()> = std::result::Result<T, String>;

/// cargo-deny's version (0.20 builds on this toolchain).
const CARGO_DENY_VERSION: &str = "0.20.2";

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve      install what is missing, build the app, serve it at http://127.0.0.1:8080
  test       install what is missing and run every test (Rust, npm module in node and tsc,
             browser)
  package    build the npm module into pkg/
  typecheck  compile tests/types/ and the READMEs' TypeScript against pkg/ (after package)
  build-web  build the app into dist/ (release)
  bench      every performance figure: criterion, node against json-rules-engine, the native
             command over 2.1 million rows, the app's gzip size, the roster page over 100,000
             rows in Chromium (--smoke: small and quick)
  fuzz       every cargo-fuzz target, 1 million runs each by default
             ([--runs N] [--seconds S] [TARGET...]; needs the nightly toolchain)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let started = Instant::now();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("package") => setup::tools(false).and_then(|t| package(&t)),
        Some("typecheck") => typecheck::typecheck(),
        Some("build-web") => setup::tools(false).and_then(|t| build_web(&t)),
        Some("bench") => bench::bench(args.get(1..).unwrap_or_default()),
        Some("fuzz") => fuzz::fuzz(args.get(1..).unwrap_or_default()),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => {
            eprintln!("xtask: done in {:.1} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the xtask crate's parent). `cargo run` sets `CARGO_MANIFEST_DIR` when it
/// runs the binary too, so a `target/` shared by several checkouts (git worktrees) still builds
/// and tests the checkout `cargo xtask` was run in, not the one that last compiled this binary.
pub(crate) fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (a worktree that keeps its own builds
/// apart), else `target/` at the root.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        })
        .unwrap_or_else(|| root().join("target"))
}

/// Runs a command from the repository root, failing with its name when it fails.
pub(crate) fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: $ {shown}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status}): {shown}"))
    }
}

/// The core crate as the npm module builds it.
const WASM_CORE: [&str; 6] = [
    "-p",
    "nhsmail-rules",
    "--features",
    "wasm",
    "--target",
    "wasm32-unknown-unknown",
];

pub(crate) fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

pub(crate) fn step(name: &str) {
    eprintln!("\nxtask: ===== {name} =====");
}

fn serve() -> Result {
    let tools = setup::tools(false)?;
    step("serve the app at http://127.0.0.1:8080");
    run(tools.trunk().args([
        "serve",
        "--release",
        // The page's content security policy closes every connection, the reload socket too.
        "--no-autoreload",
        "--address",
        "127.0.0.1",
        "--port",
        "8080",
    ]))
}

fn test() -> Result {
    let tools = setup::tools(true)?;
    step("format and lints");
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo()
        .arg("clippy")
        .args(WASM_CORE)
        .args(["--", "-D", "warnings"]))?;
    step("dependencies: licences, sources, duplicate versions (deny.toml)");
    setup::ensure_cargo_subcommand("deny", "cargo-deny", CARGO_DENY_VERSION, "about 3 minutes")?;
    run(cargo().args(["deny", "--offline", "check", "bans", "licenses", "sources"]))?;
    step("Rust tests (unit, scenarios, properties, doctests)");
    run(cargo().args(["test", "--workspace"]))?;
    // The app builds the engine without its default `direct-json`: its roster reading, tested so.
    run(cargo().args([
        "test",
        "-p",
        "nhsmail-rules",
        "--no-default-features",
        "--test",
        "app_inputs",
        "--test",
        "streaming",
    ]))?;
    step("fuzz every target briefly (the long runs: cargo xtask fuzz)");
    fuzz::brief()?;
    step("npm module in node");
    package(&tools)?;
    run(Command::new("node").args(["--test", "tests/node/"]))?;
    step("npm module types: tsc --strict, nodenext and bundler, TypeScript 7 and 5");
    typecheck::typecheck()?;
    step("npm module bundled by esbuild for node (the browser bundles run with the app's tests)");
    run(Command::new("node").args(["--test", "tests/bundlers/"]))?;
    step("app in headless Chromium");
    build_web(&tools)?;
    // One browser at a time: the machine has two cores.
    run(Command::new("node").args(["--test", "--test-concurrency=1", "tests/browser/"]))
}

/// Builds the npm module into `pkg/`: node (CommonJS and ESM) and browser (ES module) builds of the
/// same wasm, the TypeScript types generated from the Rust types, a package.json and a README, and
/// the browser entry that checks `init()` came first.
pub(crate) fn package(tools: &setup::Tools) -> Result {
    step("package the npm module into pkg/");
    // Built for speed (profile `npm`, wasm-opt -O3): the module decides whole rosters. The app is
    // the one built for size.
    run(cargo()
        .arg("build")
        .args(WASM_CORE)
        .args(["--profile", "npm"]))?;
    let root = root();
    let wasm = target_dir().join("wasm32-unknown-unknown/npm/nhsmail_rules.wasm");
    let pkg = root.join("pkg");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("could not clear pkg/: {e}"))?;
    }
    for (target, dir) in [("nodejs", "node"), ("web", "web")] {
        run(tools
            .wasm_bindgen()
            .arg("--target")
            .arg(target)
            .arg("--out-dir")
            .arg(pkg.join(dir))
            .arg(&wasm))?;
        typecheck::as_the_runtime(&pkg.join(dir).join("nhsmail_rules.d.ts"))?;
        let out = pkg.join(dir).join("nhsmail_rules_bg.wasm");
        run(tools
            .wasm_opt()
            .arg("-O3")
            .arg("--enable-bulk-memory")
            .arg("--enable-nontrapping-float-to-int")
            .arg(&out)
            .arg("-o")
            .arg(&out))?;
    }
    let templates = root.join("xtask/package");
    let version = setup::workspace_version()?;
    // (template, where it goes in pkg/). web/index.js is the browser entry: the generated build
    // re-exported, each function refusing to run before `init()` with a message that says so.
    for (name, dest) in [
        ("package.json", "package.json"),
        ("README.md", "README.md"),
        ("index.mjs", "node/index.mjs"),
        ("web.js", "web/index.js"),
    ] {
        let text =
            std::fs::read_to_string(templates.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let dest = pkg.join(dest);
        std::fs::write(&dest, text.replace("{{version}}", &version))
            .map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    let schemas = pkg.join("schemas");
    std::fs::create_dir_all(&schemas).map_err(|e| format!("{}: {e}", schemas.display()))?;
    for schema in ["decisions-1.schema.json", "decisions-2.schema.json"] {
        std::fs::copy(root.join("schemas").join(schema), schemas.join(schema))
            .map_err(|e| format!("schemas/{schema}: {e}"))?;
    }
    eprintln!("xtask: npm module written to {}", pkg.display());
    Ok(())
}

/// Builds the app with Trunk (release, offline, wasm-opt from npm) into `dist/`.
pub(crate) fn build_web(tools: &setup::Tools) -> Result {
    step("build the app into dist/");
    run(tools.trunk().args(["build", "--release"]))
}
