//! `cargo xtask fuzz [--runs N] [--seconds S] [TARGET...]`: every cargo-fuzz target in `fuzz/`,
//! seeded from the scenario files, with the executions and findings of each printed and written
//! to `target/fuzz/results.json`. A crash fails the command; its input is in
//! `fuzz/artifacts/<target>/`, to be kept under `tests/fuzz-regressions/<target>/`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::{root, step, Result};

/// cargo-fuzz's version, installed with `--locked` when missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The targets, as `fuzz/Cargo.toml` names them (and `fuzz/checks.rs` runs them).
pub(crate) const TARGETS: [&str; 10] = [
    "account",
    "policy",
    "roster_csv",
    "roster_bytes",
    "roster_json",
    "eligibility",
    "access",
    "mailbox",
    "json_twins",
    "decisions",
];

/// What one target did.
struct Outcome {
    target: String,
    runs: u64,
    seconds: u64,
    seeds: usize,
    corpus: usize,
    coverage: u64,
}

/// The short run `cargo xtask test` makes, so every target keeps building and its seeds pass.
pub(crate) fn brief() -> Result {
    fuzz(&[
        "--runs".to_owned(),
        "20000".to_owned(),
        "--seconds".to_owned(),
        "10".to_owned(),
    ])
}

pub(crate) fn fuzz(args: &[String]) -> Result {
    let mut runs: u64 = 1_000_000;
    let mut seconds: u64 = 900;
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a whole number"))
        };
        match arg.as_str() {
            "--runs" => runs = number("--runs")?,
            "--seconds" => seconds = number("--seconds")?,
            t if TARGETS.contains(&t) => only.push(t.to_owned()),
            other => {
                return Err(format!(
                    "unknown fuzz argument `{other}` (targets: {})",
                    TARGETS.join(", ")
                ))
            }
        }
    }
    if only.is_empty() {
        only = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    ensure_tools()?;
    step("fuzz seeds from the scenario files");
    let seeds = write_seeds()?;
    let mut outcomes = Vec::new();
    for target in &only {
        step(&format!("fuzz {target}: up to {runs} runs or {seconds} s"));
        outcomes.push(fuzz_one(target, runs, seconds, &seeds)?);
    }
    report(&outcomes)
}

fn ensure_tools() -> Result {
    crate::setup::ensure_nightly()?;
    crate::setup::ensure_cargo_subcommand(
        "fuzz",
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        "under a minute",
    )
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A lifecycle case's options: its `options`, or `{"policySet": ...}`.
fn options_of(case: &Value) -> Value {
    match (case.get("options"), case.get("policySet")) {
        (Some(o), _) => o.clone(),
        (None, Some(id)) => json!({ "policySet": id }),
        (None, None) => Value::Null,
    }
}

/// Seeds for every target from `tests/scenarios/*.json` and the SPEC's worked cases, written
/// afresh under `target/fuzz/seeds/<target>/`.
fn write_seeds() -> Result<PathBuf> {
    let root = root();
    let dir = root.join("target/fuzz/seeds");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/scenarios"))
        .map_err(|e| format!("tests/scenarios: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.push(root.join("tests/fixtures/lifecycle-cases.json"));
    files.sort();
    let mut seeds: Vec<(&str, Vec<u8>)> = Vec::new();
    for file in &files {
        let doc = read_json(file)?;
        for case in doc["cases"].as_array().into_iter().flatten() {
            seeds_of(case, &mut seeds);
        }
    }
    // The roster files shaped as Excel and the NHSmail portal write them, as bytes.
    for entry in std::fs::read_dir(root.join("tests/fixtures"))
        .map_err(|e| format!("tests/fixtures: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv" || x == "txt"))
    {
        let mut bytes = vec![7];
        bytes.extend(std::fs::read(&entry).map_err(|e| format!("{}: {e}", entry.display()))?);
        seeds.push(("roster_bytes", bytes));
    }
    let mut written = 0;
    for (i, (target, bytes)) in seeds.iter().enumerate() {
        let at = dir.join(target);
        std::fs::create_dir_all(&at).map_err(|e| format!("{}: {e}", at.display()))?;
        std::fs::write(at.join(format!("seed-{i:04}")), bytes)
            .map_err(|e| format!("{}: {e}", at.display()))?;
        written += 1;
    }
    for target in TARGETS {
        std::fs::create_dir_all(dir.join(target)).map_err(|e| format!("{target}: {e}"))?;
    }
    eprintln!("xtask: {written} seeds from {} files", files.len());
    Ok(dir)
}

/// The inputs one scenario case gives the targets.
fn seeds_of(case: &Value, seeds: &mut Vec<(&'static str, Vec<u8>)>) {
    let text = |v: &Value| v.to_string().into_bytes();
    let twin = |name: &str, request: &Value| format!("{name}\n{request}").into_bytes();
    if let Some(account) = case.get("account") {
        let request =
            json!({ "account": account, "asOf": case["asOf"], "options": options_of(case) });
        seeds.push(("account", text(&request)));
        seeds.push(("json_twins", twin("evaluateAccount", &request)));
        seeds.push(("policy", text(&options_of(case))));
        let batch = json!({ "accounts": [account], "asOf": case["asOf"] });
        seeds.push(("json_twins", twin("evaluateAccounts", &batch)));
        let roster = json!({ "accounts": [account] });
        seeds.push(("roster_json", text(&roster)));
    }
    let (Some(call), Some(args)) = (case["call"].as_str(), case.get("args")) else {
        return;
    };
    seeds.push(("json_twins", twin(call, args)));
    match call {
        "checkEligibility" => seeds.push(("eligibility", text(args))),
        "checkAccess" => seeds.push(("access", text(args))),
        "planSharedMailboxes" => seeds.push(("mailbox", text(args))),
        "parseRosterCsv" => {
            if let Some(csv) = args["text"].as_str() {
                let mut bytes = vec![7];
                bytes.extend_from_slice(csv.as_bytes());
                seeds.push(("roster_csv", bytes.clone()));
                seeds.push(("roster_bytes", bytes));
            }
        }
        _ => {}
    }
    if call == "exportDecisions" && case["expected"].get("schema").is_some() {
        seeds.push(("decisions", text(&case["expected"])));
    }
    if let Some(roster) = args.get("roster") {
        seeds.push(("roster_json", text(roster)));
    }
    for name in ["options", "optionsA", "optionsB"] {
        if let Some(options) = args.get(name).filter(|o| o.is_object()) {
            seeds.push(("policy", text(options)));
        }
    }
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

/// libFuzzer's final `stat::<name>: N` line.
fn stat(log: &str, name: &str) -> u64 {
    let key = format!("stat::{name}:");
    log.lines()
        .filter_map(|l| l.trim().strip_prefix(&key))
        .filter_map(|v| v.trim().parse().ok())
        .next_back()
        .unwrap_or(0)
}

/// libFuzzer's last `cov: N` figure.
fn coverage(log: &str) -> u64 {
    log.lines()
        .filter_map(|l| l.split("cov: ").nth(1))
        .filter_map(|v| v.split_whitespace().next()?.parse().ok())
        .next_back()
        .unwrap_or(0)
}

fn fuzz_one(target: &str, runs: u64, seconds: u64, seeds: &Path) -> Result<Outcome> {
    let root = root();
    let corpus = root.join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let started = std::time::Instant::now();
    let out = crate::setup::nightly_cargo()
        .current_dir(root.join("fuzz"))
        .args(["fuzz", "run", target])
        .arg(&corpus)
        .arg(seeds.join(target))
        .arg("--")
        .arg(format!("-runs={runs}"))
        .arg(format!("-max_total_time={seconds}"))
        .args(["-print_final_stats=1", "-timeout=10", "-rss_limit_mb=2048"])
        .output()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    let log = String::from_utf8_lossy(&out.stderr).into_owned();
    let log_path = root.join(format!("target/fuzz/{target}.log"));
    std::fs::write(&log_path, &log).map_err(|e| format!("{}: {e}", log_path.display()))?;
    if !out.status.success() {
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "fuzz target {target} failed ({}); its input is in fuzz/artifacts/{target}/, the log in {}:\n{}",
            out.status,
            log_path.display(),
            tail.join("\n")
        ));
    }
    let outcome = Outcome {
        target: target.to_owned(),
        runs: stat(&log, "number_of_executed_units"),
        seconds: started.elapsed().as_secs(),
        seeds: count_files(&seeds.join(target)),
        corpus: count_files(&corpus),
        coverage: coverage(&log),
    };
    eprintln!(
        "xtask: {target}: {} runs in {} s, no crash",
        outcome.runs, outcome.seconds
    );
    Ok(outcome)
}

fn report(outcomes: &[Outcome]) -> Result {
    println!(
        "\n| target | executions | seconds | seeds | corpus kept | coverage (edges) | crashes |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    for o in outcomes {
        println!(
            "| {} | {} | {} | {} | {} | {} | 0 |",
            o.target, o.runs, o.seconds, o.seeds, o.corpus, o.coverage
        );
        rows.push(json!({
            "target": o.target, "executions": o.runs, "seconds": o.seconds, "seeds": o.seeds,
            "corpus": o.corpus, "coverage": o.coverage, "crashes": 0,
        }));
    }
    let path = root().join("target/fuzz/results.json");
    let text = serde_json::to_string_pretty(&json!({ "targets": rows }))
        .map_err(|e| format!("results: {e}"))?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}
