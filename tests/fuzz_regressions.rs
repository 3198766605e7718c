//! Every input kept under `tests/fuzz-regressions/<target>/` (each one a fuzz target or the node
//! no-trap test once failed on) replayed through the very checks the fuzz target runs
//! (`fuzz/checks.rs`), so a fixed problem stays fixed in the normal test suite.

use std::path::{Path, PathBuf};

#[path = "../fuzz/checks.rs"]
mod checks;

fn kept() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions")
}

#[test]
fn every_kept_input_passes_its_targets_checks() {
    let mut replayed = 0;
    for (target, check) in checks::TARGETS {
        let Ok(dir) = std::fs::read_dir(kept().join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let input = std::fs::read(&path).unwrap();
            eprintln!("replaying {}", path.display());
            check(&input);
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no kept inputs found under {}",
        kept().display()
    );
}

#[test]
fn every_kept_folder_names_a_target() {
    let targets: Vec<&str> = checks::TARGETS.iter().map(|(t, _)| *t).collect();
    for entry in std::fs::read_dir(kept()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            targets.contains(&name.as_str()),
            "{name} is not a fuzz target"
        );
    }
}
