//! `cargo xtask bench [--smoke]`: every performance figure of the README, measured side by side in
//! one run, printed as a table and written to `target/bench/results.json`.
//!
//! - core (criterion): one account, typical and 200 events; 100,000 accounts evaluated and exported;
//! - node: json-rules-engine (its full model and a four-rule one), a hand-written JS engine
//!   (`tests/bench/js-engine.mjs`) and bare JS arithmetic against `evaluateRosterColumns` (bytes
//!   and string), `evaluateAccount(s)`, `exportDecisions(Json)` and an `Evaluator`, on the same
//!   generated accounts, answers checked first (`tests/bench/node.mjs`);
//! - native: a generated 2.1-million-row roster CSV through `nhsmail-rules decide`: wall time, CPU
//!   time and peak memory, beside a 100,000-row roster to show memory does not grow;
//! - app: gzip bytes of the built site; the roster page, the simulator's timeline after a change
//!   (200 events) and the home page's first paint in headless Chromium.
//!
//! `--smoke` runs everything small and quick (CI), so the benchmarks cannot rot.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, root, run, setup, step, target_dir, Result};

/// The date every benchmark decides on.
const AS_OF: &str = "2025-11-01";

pub(crate) fn bench(args: &[String]) -> Result {
    let smoke = args.iter().any(|a| a == "--smoke");
    // Chromium too: the roster page is timed in the browser.
    let tools = setup::tools(true)?;
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut rows: Vec<(String, String, String)> = Vec::new();

    step("core: criterion");
    let mut criterion = cargo();
    criterion.args(["bench", "-p", "nhsmail-rules", "--bench", "engine", "--"]);
    if smoke {
        criterion.args(["--warm-up-time", "0.2", "--measurement-time", "0.5"]);
    }
    run(&mut criterion)?;
    let one = criterion_ns("one account/typical (12 events)")?;
    let long = criterion_ns("one account/200 events")?;
    let evaluate = criterion_ns("100,000 accounts/evaluate")?;
    let export = criterion_ns("100,000 accounts/exportDecisions")?;
    rows.push((
        "core: one account, 12 events".into(),
        format!("{:.0} ns", one),
        "criterion".into(),
    ));
    rows.push((
        "core: one account, 200 events".into(),
        format!(
            "{:.1} µs ({:.1}× the 12-event account)",
            long / 1e3,
            long / one
        ),
        "criterion".into(),
    ));
    rows.push((
        "core: 100,000 accounts, evaluate".into(),
        format!(
            "{:.1} ms ({:.0} ns per account)",
            evaluate / 1e6,
            evaluate / 1e5
        ),
        "criterion".into(),
    ));
    rows.push((
        "core: 100,000 accounts, exportDecisions".into(),
        format!(
            "{:.1} ms ({:.0} ns per account)",
            export / 1e6,
            export / 1e5
        ),
        "criterion".into(),
    ));

    step("node: json-rules-engine against the npm module");
    crate::package(&tools)?;
    let accounts = if smoke { "2000" } else { "100000" };
    let node = node_bench(&out, "node", &["--accounts", accounts])?;
    for r in node["results"].as_array().into_iter().flatten() {
        rows.push((
            format!(
                "node, {accounts} accounts: {}",
                r["name"].as_str().unwrap_or("?")
            ),
            format!(
                "{:.3} µs per account ({:.1}× json-rules-engine, {:.1}× its four-rule model, {:.2}× the hand-written JS engine)",
                number(r, "usPerAccount"),
                number(r, "speedup"),
                number(r, "vsFourRules"),
                number(r, "vsJsEngine")
            ),
            "tests/bench/node.mjs".into(),
        ));
    }

    step("native: nhsmail-rules decide over generated rosters");
    run(cargo().args(["build", "--profile", "native", "-p", "nhsmail-rules-cli"]))?;
    let cli = target_dir().join("native/nhsmail-rules");
    let (big, small) = if smoke {
        (200_000, 20_000)
    } else {
        (2_100_000, 100_000)
    };
    for rows_n in [small, big] {
        let csv = out.join(format!("roster-{rows_n}.csv"));
        let generated = Instant::now();
        let bytes = generate_roster(&csv, rows_n)?;
        eprintln!(
            "xtask: generated {} ({:.0} MB) in {:.1} s",
            csv.display(),
            bytes as f64 / 1e6,
            generated.elapsed().as_secs_f64()
        );
        let m = measure(&cli, &csv, &out.join(format!("decisions-{rows_n}.json")))?;
        rows.push((
            format!(
                "native decide, {rows_n} rows ({:.0} MB CSV)",
                bytes as f64 / 1e6
            ),
            format!(
                "{:.2} s wall, {:.2} s CPU, peak memory {:.1} MB",
                m.wall,
                m.cpu,
                m.peak_kb as f64 / 1024.0
            ),
            "wait4 on the child".into(),
        ));
    }

    step("app: gzip bytes of the built site");
    crate::build_web(&tools)?;
    let (raw, gz) = gzip_total(&root().join("dist"))?;
    rows.push((
        "app: built site".into(),
        format!("{gz} bytes gzip ({raw} bytes raw)"),
        "gzip -9 of every file in dist/".into(),
    ));

    step("app: the roster page in headless Chromium");
    let (page_rows, runs) = if smoke {
        ("20000", "1")
    } else {
        ("100000", "3")
    };
    let page = node_bench(&out, "browser", &["--rows", page_rows, "--runs", runs])?;
    let read_ms = page["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["readMs"].as_f64())
        .fold(0.0, f64::max);
    rows.push((
        format!("app: roster page, {page_rows} CSV rows, \"Check the roster\" to results drawn"),
        format!(
            "{:.0} ms (median of {runs}); reading the file before that at most {read_ms:.0} ms; longest gap between frames {:.0} ms",
            number(&page, "medianMs"),
            number(&page, "longestFrameGapMs")
        ),
        "tests/bench/browser.mjs".into(),
    ));

    step("app: the simulator's timeline after a change, 200 events, in headless Chromium");
    let timeline = node_bench(&out, "timeline", &["--changes", "20"])?;
    rows.push((
        "app: simulator timeline, 200 events, one change to recompute and redraw".into(),
        format!(
            "{:.1} ms (median of 20; target 16 ms); {:.1} ms to the next frame",
            number(&timeline, "medianMs"),
            number(&timeline, "medianToPaintMs")
        ),
        "tests/bench/timeline.mjs".into(),
    ));

    step("app: first paint of the home page in headless Chromium");
    // Five page loads take a few seconds: the same in --smoke.
    let paint = node_bench(&out, "first-paint", &["--runs", "5"])?;
    rows.push((
        "app: home page, navigation to first paint (cache off)".into(),
        format!(
            "first paint {:.0} ms, first contentful paint {:.0} ms (median of 5; target 300 ms)",
            number(&paint, "medianFirstPaintMs"),
            number(&paint, "medianFirstContentfulPaintMs")
        ),
        "tests/bench/first-paint.mjs".into(),
    ));

    println!("\nfigure | result | how");
    println!("---|---|---");
    for (what, result, how) in &rows {
        println!("{what} | {result} | {how}");
    }
    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|(w, r, h)| serde_json::json!({ "figure": w, "result": r, "how": h }))
        .collect();
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    let path = out.join("results.json");
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

/// Runs `tests/bench/{name}.mjs` with `args` and reads the figures it writes to
/// `{out}/{name}.json`.
fn node_bench(out: &Path, name: &str, args: &[&str]) -> Result<serde_json::Value> {
    let json = out.join(format!("{name}.json"));
    run(Command::new("node")
        .arg(format!("tests/bench/{name}.mjs"))
        .args(args)
        .arg("--json")
        .arg(&json))?;
    read_json(&json)
}

/// A figure of a bench's JSON, or NaN where it is missing.
fn number(figures: &serde_json::Value, key: &str) -> f64 {
    figures[key].as_f64().unwrap_or(f64::NAN)
}

fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Criterion's mean estimate, in nanoseconds, for the bench `group/function`.
fn criterion_ns(id: &str) -> Result<f64> {
    let dir = target_dir().join("criterion");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for group in entries.flatten() {
        for bench in std::fs::read_dir(group.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(meta) = read_json(&bench.path().join("new/benchmark.json")) else {
                continue;
            };
            if meta["full_id"].as_str() == Some(id) {
                let est = read_json(&bench.path().join("new/estimates.json"))?;
                return est["mean"]["point_estimate"]
                    .as_f64()
                    .ok_or_else(|| format!("no mean for {id}"));
            }
        }
    }
    Err(format!("criterion wrote no result for `{id}`"))
}

struct Measured {
    wall: f64,
    cpu: f64,
    peak_kb: i64,
}

/// Runs `decide` on `csv` into `output`, with wall time, CPU time and peak resident memory of that
/// process alone (wait4's rusage).
fn measure(cli: &Path, csv: &Path, output: &Path) -> Result<Measured> {
    let file = File::create(output).map_err(|e| format!("{}: {e}", output.display()))?;
    let started = Instant::now();
    let child = Command::new(cli)
        .args(["decide", "--as-of", AS_OF])
        .arg(csv)
        .stdout(file)
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", cli.display()))?;
    let pid = i32::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; status and usage are valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("nhsmail-rules decide failed on {}", csv.display()));
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Measured {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        peak_kb: usage.ru_maxrss,
    })
}

/// Writes a realistic roster of `n` accounts (deterministic): mostly users who signed in lately,
/// some idle long enough to be inactive, deleted or purged, a few shared mailboxes, and the back
/// office's recorded state usually one step behind. Returns the file's size.
fn generate_roster(path: &PathBuf, n: usize) -> Result<u64> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > 0 {
            return Ok(meta.len());
        }
    }
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).ok_or("date")?;
    let day = |back: u64| {
        as_of
            .checked_sub_days(chrono::Days::new(back))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let days: Vec<String> = (0..4000).map(day).collect();
    let mut rng = fastrand::Rng::with_seed(2_100_000);
    let tmp = path.with_extension("part");
    let file = File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut write = |line: std::fmt::Arguments| w.write_fmt(line).map_err(|e| e.to_string());
    write(format_args!(
        "id,kind,created,lastActivity,onboarded,recordedState,organisation\n"
    ))?;
    for i in 0..n {
        let kind = match rng.u32(0..100) {
            0..=93 => "user",
            94..=97 => "shared",
            98 => "application",
            _ => "resource",
        };
        let (idle, recorded) = match rng.u32(0..100) {
            0..=69 => (rng.usize(0..21), "active"),
            70..=79 => (rng.usize(21..30), "active"),
            80..=87 => (
                rng.usize(30..60),
                if rng.bool() { "inactive" } else { "active" },
            ),
            88..=92 => (
                rng.usize(60..90),
                if rng.bool() { "deleted" } else { "inactive" },
            ),
            _ => (rng.usize(90..400), "deleted"),
        };
        let never = rng.u32(0..100) < 3;
        let created = if never {
            rng.usize(0..60)
        } else {
            idle + rng.usize(0..3000)
        };
        let created = days
            .get(created.min(days.len() - 1))
            .map_or("", String::as_str);
        let last = if never {
            ""
        } else {
            days.get(idle).map_or("", String::as_str)
        };
        let onboarded = if rng.u32(0..100) < 97 {
            "true"
        } else {
            "false"
        };
        let org = rng.u32(0..20_000);
        writeln!(
            w,
            "u{i:08},{kind},{created},{last},{onboarded},{recorded},Care provider {org}"
        )
        .map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// (raw, gzip -9) bytes of every file under `dir`.
fn gzip_total(dir: &Path) -> Result<(u64, u64)> {
    let (mut raw, mut gz) = (0, 0);
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let (r, g) = gzip_total(&path)?;
            raw += r;
            gz += g;
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&bytes).map_err(|e| e.to_string())?;
        let packed = enc.finish().map_err(|e| e.to_string())?;
        raw += bytes.len() as u64;
        gz += packed.len() as u64;
    }
    Ok((raw, gz))
}
