//! `nhsmail-rules`: the rules engine over whole rosters, natively.
//!
//! ```text
//! nhsmail-rules decide --as-of 2025-04-01 [--policy-set ID | --policies FILE] roster.csv > decisions.json
//! nhsmail-rules compare --as-of 2025-04-01 --a national --b ncl-icb roster.csv > comparison.json
//! nhsmail-rules decide --as-of 2025-04-01 --columns id="Email address",lastActivity="Last sign in" \
//!     --default-kind user portal-export.csv > decisions.json
//! ```
//!
//! Both stream: an account is read, evaluated and written out before the next is read, so memory
//! stays flat however long the roster is (bar 8 bytes per account for the repeated-id check). The
//! output is byte for byte what the npm module's `JSON.stringify(exportDecisions(...))` (or
//! `comparePolicies`) gives for the same roster. Bad input exits with status 1 and the problem's
//! place (`line 7, column 3 (created)` or `accounts[3].created`), every problem of a CSV roster
//! listed; nothing is written to stdout.

mod csv_args;
mod input;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use nhsmail_rules::{
    Account, Comparer, EngineError, ErrorCode, EvaluationOptions, Exporter, IsoDate, PolicySet,
    TextEncoding, DEFAULT_REMIND_WITHIN_DAYS, MAX_CSV_PROBLEMS,
};

use crate::csv_args::CsvArgs;
use crate::input::{CsvSettings, Roster};
use crate::output::Spool;

#[derive(Parser)]
#[command(
    name = "nhsmail-rules",
    version,
    about = "NHSmail account policy over whole rosters"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The decisions a back office should apply (exportDecisions), as JSON on stdout.
    Decide {
        /// The evaluation date, YYYY-MM-DD.
        #[arg(long)]
        as_of: String,
        #[command(flatten)]
        policies: Policies,
        /// Remind when the last day to act is at most this many days after the date.
        #[arg(long, default_value_t = DEFAULT_REMIND_WITHIN_DAYS)]
        remind_within_days: u32,
        #[command(flatten)]
        csv: CsvArgs,
        /// The roster: CSV (header row) or JSON (`{"accounts": [...]}`), by its extension or, failing
        /// that, its first character.
        roster: PathBuf,
    },
    /// What a second policy set would do differently (comparePolicies), as JSON on stdout.
    Compare {
        /// The evaluation date, YYYY-MM-DD.
        #[arg(long)]
        as_of: String,
        #[arg(long, help = built_in_help("The first policy set: a JSON file of policies, or built in"))]
        a: String,
        #[arg(long, help = built_in_help("The second policy set: a JSON file of policies, or built in"))]
        b: String,
        #[command(flatten)]
        csv: CsvArgs,
        /// The roster, CSV or JSON.
        roster: PathBuf,
    },
}

#[derive(Args)]
#[group(multiple = false)]
struct Policies {
    #[arg(long, help = built_in_help("A built-in policy set, the first the default"))]
    policy_set: Option<String>,
    /// Your own policy set: a JSON file holding `{"policies": [...], "policySet": "label"}` or just
    /// the list of policies.
    #[arg(long)]
    policies: Option<PathBuf>,
}

/// A failure: the problem, and whether it is in the caller's input (status 1) or the machine's
/// (status 3, e.g. a file that cannot be read or a full disk); or a CSV roster found to be in
/// another encoding after rows were read, so the command starts again in that encoding.
pub(crate) enum Failure {
    Input(EngineError),
    System(String),
    ReadAgain(TextEncoding),
}

impl From<EngineError> for Failure {
    fn from(e: EngineError) -> Self {
        Failure::Input(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut assumed = None;
    let outcome = loop {
        match run(&cli.command, assumed) {
            Err(Failure::ReadAgain(encoding)) if assumed.is_none() => assumed = Some(encoding),
            outcome => break outcome,
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            report(&e);
            ExitCode::from(1)
        }
        Err(Failure::System(message)) => {
            eprintln!("nhsmail-rules: {message}");
            ExitCode::from(3)
        }
        Err(Failure::ReadAgain(_)) => {
            eprintln!("nhsmail-rules: the roster's encoding could not be settled");
            ExitCode::from(3)
        }
    }
}

/// Runs the command, reading a CSV roster's bytes as `assumed` when they have no byte-order mark.
fn run(command: &Command, assumed: Option<TextEncoding>) -> Result<(), Failure> {
    match command {
        Command::Decide {
            as_of,
            policies,
            remind_within_days,
            csv,
            roster,
        } => {
            let set = resolve(policies)?;
            let csv = csv.settings(assumed)?;
            decide(roster, as_of, &set, *remind_within_days, &csv)
        }
        Command::Compare {
            as_of,
            a,
            b,
            csv,
            roster,
        } => {
            let (a, b) = (policy_set(a, "--a")?, policy_set(b, "--b")?);
            compare(roster, as_of, &a, &b, &csv.settings(assumed)?)
        }
    }
}

/// Bad input on stderr: the problem, or for a CSV roster every problem with a count.
fn report(e: &EngineError) {
    if e.problems.is_empty() {
        let mut e = e.clone();
        if let Some(flag) = csv_args::flag_of(&e.path) {
            e.path = flag;
        }
        eprintln!("nhsmail-rules: {}", e.render());
        return;
    }
    let n = e.problems.len();
    let count = match n {
        1 => "1 problem".to_owned(),
        MAX_CSV_PROBLEMS => format!("{n} problems (the first {n}; there may be more)"),
        _ => format!("{n} problems"),
    };
    eprintln!("nhsmail-rules: the roster has {count}; nothing was written:");
    for p in &e.problems {
        eprintln!("  {}: {}", p.place(), p.message);
    }
}

fn date(text: &str) -> Result<IsoDate, Failure> {
    text.parse().map_err(|_| {
        Failure::Input(EngineError::new(
            ErrorCode::InvalidDate,
            "--as-of",
            format!("`{text}` is not a real date in the form YYYY-MM-DD"),
        ))
    })
}

fn resolve(p: &Policies) -> Result<PolicySet, Failure> {
    match (&p.policy_set, &p.policies) {
        (_, Some(file)) => policies_file(file),
        (Some(id), None) => built_in(id),
        (None, None) => Ok(PolicySet::default_set()),
    }
}

/// `--a`/`--b`: a built-in id, or else a file of policies.
fn policy_set(text: &str, flag: &str) -> Result<PolicySet, Failure> {
    if nhsmail_rules::BUILT_IN_SET_IDS.contains(&text) {
        return built_in(text);
    }
    let path = PathBuf::from(text);
    if path.exists() {
        return policies_file(&path);
    }
    Err(Failure::Input(EngineError::new(
        ErrorCode::UnknownPolicySet,
        flag,
        format!(
            "`{text}` is neither a built-in policy set ({}) nor a file",
            nhsmail_rules::BUILT_IN_SET_IDS.join(", ")
        ),
    )))
}

/// A flag's help followed by the built-in sets, from the one table of them:
/// "...: national (National policy), ncl-icb (North Central London ICB)".
fn built_in_help(what: &str) -> String {
    let sets: Vec<String> = nhsmail_rules::BUILT_IN_SETS
        .iter()
        .map(|s| format!("{} ({})", s.id, s.title))
        .collect();
    format!("{what}: {}", sets.join(", "))
}

fn built_in(id: &str) -> Result<PolicySet, Failure> {
    Ok(EvaluationOptions::built_in(id).resolve()?)
}

/// A policies file: the options object (`{"policies": [...], "policySet"?}`) or a bare list.
fn policies_file(path: &Path) -> Result<PolicySet, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::System(format!("cannot read {}: {e}", path.display())))?;
    let text = if text.trim_start().starts_with('[') {
        format!("{{\"policies\": {text}}}")
    } else {
        text
    };
    EvaluationOptions::from_json(&text).map_err(|e| {
        Failure::Input(EngineError::new(
            e.code,
            e.path,
            format!("{} (in {})", e.detail, path.display()),
        ))
    })
}

/// A CSV row's error named by its line, as the person sees the file, rather than by its place
/// in the roster (`accounts[3]`).
fn at_line(mut e: EngineError, index: usize, line: Option<u64>) -> EngineError {
    if let Some(line) = line {
        let place = format!("accounts[{index}]");
        let row = format!("line {line}");
        e.path = match e.path.strip_prefix(&format!("{place}.")) {
            Some(field) => format!("{row}, {field}"),
            None => e.path.replacen(&place, &row, 1),
        };
        e.detail = e.detail.replacen(&place, &row, 1);
    }
    e
}

/// Reads the roster at `path`, giving each account to `push` (which spools what it makes) until
/// the first account that cannot be evaluated; a problem in reading the roster comes first.
fn stream(
    path: &Path,
    csv: &CsvSettings,
    mut push: impl FnMut(&Account, usize, &mut Spool) -> Result<(), EngineError>,
) -> Result<Spool, Failure> {
    let mut spool = Spool::new()?;
    let mut failed: Option<EngineError> = None;
    let roster = Roster::open(path)?;
    if !roster.is_csv() {
        csv_args::json_roster(csv, path)?;
    }
    let (_, columns) = roster.read(csv, |index, account, line| {
        if failed.is_none() {
            failed = push(&account, index, &mut spool)
                .err()
                .map(|e| at_line(e, index, line));
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    for note in columns.iter().flat_map(input::columns_note) {
        eprintln!("nhsmail-rules: {note}");
    }
    Ok(spool)
}

fn decide(
    path: &Path,
    as_of: &str,
    set: &PolicySet,
    remind: u32,
    csv: &CsvSettings,
) -> Result<(), Failure> {
    let mut exporter = Exporter::new(date(as_of)?, set, remind);
    let spool = stream(path, csv, |account, index, spool| {
        exporter.add(account, index)?;
        spool.extend(exporter.drain());
        Ok(())
    })?;
    let export = exporter.finish();
    spool.write_out(&export, "decisions")?;
    eprintln!(
        "nhsmail-rules: {}",
        held_note(export.summary.held.unwrap_or(0))
    );
    Ok(())
}

/// The line on stderr after a good export: how many rows are held (SPEC 7.0) and what to do.
fn held_note(held: usize) -> String {
    match held {
        0 => "0 accounts held: every row could be decided".to_owned(),
        1 => "1 account held (recorded disabled or leaver with no date); it is listed in `held`: add its recordedSince to decide it".to_owned(),
        n => format!("{n} accounts held (recorded disabled or leaver with no date); they are listed in `held`: add their recordedSince to decide them"),
    }
}

fn compare(
    path: &Path,
    as_of: &str,
    a: &PolicySet,
    b: &PolicySet,
    csv: &CsvSettings,
) -> Result<(), Failure> {
    let mut comparer = Comparer::new(date(as_of)?, a, b);
    let spool = stream(path, csv, |account, index, spool| {
        comparer.push(account, index)?;
        spool.extend(comparer.drain());
        Ok(())
    })?;
    spool.write_out(&comparer.finish(), "differences")
}
