//! Tidy checks on the tree itself (in the manner of rust-analyzer's `tidy` test), run by
//! `cargo test`: no Rust file over 500 lines; the README's architecture map names every source
//! file and nothing that is not there; the decisions JSON Schemas' enums are the engine's own
//! lists; the app writes no built-in policy set id; no two modules of the core import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nhsmail_rules::{DecisionAction, RuleId, State, BUILT_IN_SET_IDS};
use serde_json::Value;

const MAX_LINES: usize = 500;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir` (relative to the root), skipping build output and installed packages.
fn files(dir: &str) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(
                    name.as_str(),
                    "target" | "node_modules" | "corpus" | "artifacts"
                ) && !name.starts_with('.')
                {
                    walk(root, &path, out);
                }
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    let root = root();
    walk(&root, &root.join(dir), &mut out);
    out.sort();
    out
}

/// The project's own Rust files and app build scripts.
fn source_files() -> Vec<String> {
    let mut all = Vec::new();
    for dir in ["core", "cli", "web", "xtask", "fuzz", "tests"] {
        all.extend(
            files(dir)
                .into_iter()
                .filter(|f| f.ends_with(".rs") || (f.starts_with("web/") && f.ends_with(".mjs"))),
        );
    }
    all
}

#[test]
fn no_rust_file_is_over_500_lines() {
    let long: Vec<String> = source_files()
        .into_iter()
        .filter(|f| f.ends_with(".rs"))
        .filter_map(|f| {
            let text = std::fs::read_to_string(root().join(&f)).unwrap();
            let n = text.lines().count();
            (n > MAX_LINES).then(|| format!("{f}: {n} lines"))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

/// The paths the README's architecture map names. The map is the first code block under
/// `## Architecture`; each line is `names  description`, names separated by ", ", a name ending
/// in `/` a folder, and a line indented under a folder is inside it.
fn architecture_map() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("\n## Architecture")
        .nth(1)
        .expect("README has an Architecture section");
    let block = section
        .split("```")
        .nth(1)
        .expect("the Architecture section has a code block");
    let mut named = BTreeSet::new();
    // (indent, folder) of the enclosing folders.
    let mut folders: Vec<(usize, String)> = Vec::new();
    for line in block.lines().skip(1) {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        if body.is_empty() {
            continue;
        }
        // The names end at the first run of two spaces (then comes the description).
        let names = body.split("  ").next().unwrap_or("");
        let parts: Vec<&str> = names.split(", ").map(str::trim).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || p.contains(' ') || !p.contains(['.', '/']))
        {
            // A continuation of the description above.
            continue;
        }
        while folders.last().is_some_and(|(i, _)| *i >= indent) {
            folders.pop();
        }
        let parent: String = folders.last().map(|(_, f)| f.clone()).unwrap_or_default();
        for part in &parts {
            named.insert(format!("{parent}{part}"));
        }
        if let [only] = parts.as_slice() {
            if only.ends_with('/') {
                folders.push((indent, format!("{parent}{only}")));
            }
        }
    }
    named
}

#[test]
fn the_architecture_map_names_every_source_file_and_only_real_ones() {
    let map = architecture_map();
    let missing: Vec<String> = source_files()
        .into_iter()
        .filter(|f| !map.contains(f))
        .collect();
    assert!(
        missing.is_empty(),
        "the README's architecture map does not name: {missing:?}"
    );
    let unreal: Vec<&String> = map
        .iter()
        .filter(|p| !root().join(p.trim_end_matches('/')).exists())
        .collect();
    assert!(
        unreal.is_empty(),
        "the README's architecture map names what is not there: {unreal:?}"
    );
}

fn strings(v: &Value) -> Vec<Option<String>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().map(str::to_owned))
        .collect()
}

fn keys(v: &Value) -> Vec<String> {
    v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_decisions_schemas_enums_are_the_engines_lists() {
    let states: Vec<String> = State::ALL.iter().map(|s| s.as_str().to_owned()).collect();
    let actions: Vec<String> = DecisionAction::ALL
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    let mut rules = vec![None];
    rules.extend(
        RuleId::ALL
            .iter()
            .filter(|r| r.moves_state())
            .map(|r| Some(r.as_str().to_owned())),
    );
    let schemas: Vec<String> = files("schemas")
        .into_iter()
        .filter(|f| f.ends_with(".schema.json"))
        .collect();
    assert!(!schemas.is_empty());
    for file in schemas {
        let text = std::fs::read_to_string(root().join(&file)).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        let defs = &schema["$defs"];
        let decision = &defs["decision"]["properties"];
        let some = |v: &Vec<String>| v.iter().cloned().map(Some).collect::<Vec<_>>();
        assert_eq!(
            strings(&defs["state"]["enum"]),
            some(&states),
            "{file}: states"
        );
        assert_eq!(
            strings(&decision["action"]["enum"]),
            some(&actions),
            "{file}: actions"
        );
        assert_eq!(
            strings(&decision["rule"]["enum"]),
            rules,
            "{file}: rule ids"
        );
        let summary = &schema["properties"]["summary"]["properties"];
        let mut by_state = keys(&summary["byState"]);
        let mut by_action = keys(&summary["byAction"]);
        let (mut want_states, mut want_actions) = (states.clone(), actions.clone());
        for v in [
            &mut by_state,
            &mut by_action,
            &mut want_states,
            &mut want_actions,
        ] {
            v.sort();
        }
        assert_eq!(by_state, want_states, "{file}: summary.byState");
        assert_eq!(by_action, want_actions, "{file}: summary.byAction");
    }
}

#[test]
fn the_app_writes_no_built_in_policy_set_id() {
    let mut found = Vec::new();
    for f in files("web/src").into_iter().filter(|f| f.ends_with(".rs")) {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        for id in BUILT_IN_SET_IDS {
            if text.contains(&format!("\"{id}\"")) {
                found.push(format!("{f}: \"{id}\""));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read the ids from nhsmail_rules::BUILT_IN_SETS instead: {found:?}"
    );
}

/// The core module a file is (`model::date` for `core/src/model/date.rs`).
fn module_of(file: &str) -> String {
    file.trim_start_matches("core/src/")
        .trim_end_matches(".rs")
        .trim_end_matches("/mod")
        .replace('/', "::")
}

#[test]
fn no_two_core_modules_import_each_other() {
    let core: Vec<String> = files("core/src")
        .into_iter()
        .filter(|f| f.ends_with(".rs"))
        .collect();
    let modules: BTreeSet<String> = core.iter().map(|f| module_of(f)).collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &core {
        let me = module_of(f);
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let path: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            // The longest module the path names (`model::date` of `model::date::IsoDate`).
            let mut parts: Vec<&str> = path.split("::").collect();
            while !parts.is_empty() && !modules.contains(&parts.join("::")) {
                parts.pop();
            }
            let target = parts.join("::");
            if !target.is_empty() && target != me {
                imports.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    let mut pairs = Vec::new();
    for (a, targets) in &imports {
        for b in targets {
            if a < b && imports.get(b).is_some_and(|t| t.contains(a)) {
                pairs.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "modules that import each other: {pairs:?}"
    );
}
