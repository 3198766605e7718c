//! Installs the tools the build needs, idempotently: a tool already installed at the right version
//! is reused, so a warm run is fast.

use std::path::PathBuf;
use std::process::Command;

use crate::{root, run, Result};

/// Trunk's version: 0.21.14 is the last to build on this toolchain (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// Paths to the installed tools.
pub(crate) struct Tools {
    node_bin: PathBuf,
}

impl Tools {
    /// Trunk, offline, with the npm wasm-opt and the cargo-installed wasm-bindgen on PATH.
    pub(crate) fn trunk(&self) -> Command {
        let mut c = Command::new("trunk");
        c.arg("--skip-version-check").env("PATH", self.path());
        c
    }
    pub(crate) fn wasm_bindgen(&self) -> Command {
        Command::new("wasm-bindgen")
    }
    pub(crate) fn wasm_opt(&self) -> Command {
        Command::new(self.node_bin.join("wasm-opt"))
    }
    fn path(&self) -> String {
        let old = std::env::var("PATH").unwrap_or_default();
        format!("{}:{old}", self.node_bin.display())
    }
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let rest = lock.get(start..).unwrap_or_default();
    Ok(rest.split('"').next().unwrap_or_default().to_owned())
}

/// The workspace version (for the npm package.json).
pub(crate) fn workspace_version() -> Result<String> {
    locked_version("nhsmail-rules")
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result {
    if output("trunk", &["--version"]).is_some_and(|v| v == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    eprintln!("xtask: installing trunk {TRUNK_VERSION} (about 11 minutes the first time)");
    run(Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

fn ensure_wasm_bindgen() -> Result {
    let want = locked_version("wasm-bindgen")?;
    if output("wasm-bindgen", &["--version"]).is_some_and(|v| v == format!("wasm-bindgen {want}")) {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {want} to match Cargo.lock (about 3 minutes)");
    // Not --locked: its lock file wants a crate version the registry no longer has.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    match output("wasm-bindgen", &["--version"]) {
        Some(v) if v == format!("wasm-bindgen {want}") => Ok(()),
        other => Err(format!(
            "wasm-bindgen --version says {other:?}, Cargo.lock wants {want}"
        )),
    }
}

/// A cargo subcommand (`cargo fuzz`, `cargo deny`) at exactly `version`, installed with
/// `--locked` when it is missing or another version.
pub(crate) fn ensure_cargo_subcommand(
    sub: &str,
    krate: &str,
    version: &str,
    minutes: &str,
) -> Result {
    if output("cargo", &[sub, "--version"]).is_some_and(|v| v == format!("{krate} {version}")) {
        return Ok(());
    }
    eprintln!("xtask: installing {krate} {version} ({minutes} the first time)");
    run(Command::new("cargo").args(["install", krate, "--version", version, "--locked"]))
}

fn ensure_npm_packages() -> Result {
    let lock = root().join("package-lock.json");
    let stamp = root().join("node_modules/.xtask-installed-lock.json");
    let want = std::fs::read(&lock).map_err(|e| format!("package-lock.json: {e}"))?;
    if std::fs::read(&stamp).ok().as_ref() == Some(&want) {
        return Ok(());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, want).map_err(|e| format!("{}: {e}", stamp.display()))
}

fn ensure_chromium() -> Result {
    let have = |p: &str| std::path::Path::new(p).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") {
        return Ok(());
    }
    eprintln!("xtask: installing Debian's chromium and chromium-driver for the browser tests");
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Installs what is missing; `browser` adds Chromium for the browser tests.
pub(crate) fn tools(browser: bool) -> Result<Tools> {
    eprintln!("xtask: checking tools");
    ensure_wasm_target()?;
    ensure_npm_packages()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    if browser {
        ensure_chromium()?;
    }
    // Trunk runs cargo with --offline: make sure every crate is in the local cache first.
    run(Command::new("cargo").args(["fetch"]))?;
    Ok(Tools {
        node_bin: root().join("node_modules/.bin"),
    })
}
