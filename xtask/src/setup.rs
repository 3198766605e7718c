//! Installs the tools the build needs, idempotently: a tool already installed at the right version
//! is reused, so a warm run is fast.

use std::path::PathBuf;
use std::process::Command;

use crate::{root, run, Result};

/// Trunk's version: 0.21.14 is the last to build on this toolchain (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// The pinned nightly toolchain: the app's release build rebuilds the standard library with it
/// for size (the Leptos book's "Optimizing WASM Binary Size"; README, Size), and the fuzz targets
/// need it. Pinned so every build is the same build.
pub(crate) const NIGHTLY: &str = "nightly-2026-05-20";

/// The app's release build on the nightly: the standard library rebuilt with the release profile
/// and `optimize_for_size`, panics as a bare trap, and no file names or lines kept for them.
/// `--cfg erase_components` is in `.cargo/config.toml` too: repeated here so the build is the same
/// whether cargo joins the two or lets this one win.
const APP_RUSTFLAGS: &str =
    "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Cllvm-args=-inline-threshold=0";

/// Paths to the installed tools.
pub(crate) struct Tools {
    node_bin: PathBuf,
}

impl Tools {
    /// Trunk, offline, with the npm wasm-opt and the cargo-installed wasm-bindgen on PATH, and
    /// cargo on the pinned nightly with the standard library rebuilt for size. Its own target
    /// directory keeps the stable builds' artifacts from being rebuilt in turn.
    pub(crate) fn trunk(&self) -> Command {
        let mut c = Command::new("trunk");
        c.arg("--skip-version-check").env("PATH", self.path());
        without_caller_pins(&mut c)
            .env("RUSTUP_TOOLCHAIN", NIGHTLY)
            .env("CARGO_TARGET_DIR", root().join("target/app"))
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                APP_RUSTFLAGS,
            );
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

/// A cargo on the pinned nightly: the rustup proxy on PATH, without the outer cargo's pins.
pub(crate) fn nightly_cargo() -> Command {
    let mut c = Command::new("cargo");
    c.arg(format!("+{NIGHTLY}"));
    without_caller_pins(&mut c);
    c
}

/// Drops what the outer `cargo xtask` may leave in the environment that would pin another
/// toolchain or replace the flags of a cargo run on the pinned nightly.
fn without_caller_pins(c: &mut Command) -> &mut Command {
    for var in [
        "RUSTUP_TOOLCHAIN",
        "RUSTC",
        "RUSTC_WRAPPER",
        "CARGO",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
    ] {
        c.env_remove(var);
    }
    c
}

/// The pinned nightly with the standard library's source, and that source's own crates in the
/// local cache (Trunk runs cargo with --offline).
pub(crate) fn ensure_nightly() -> Result {
    let components = output(
        "rustup",
        &["component", "list", "--installed", "--toolchain", NIGHTLY],
    )
    .unwrap_or_default();
    if !components.lines().any(|c| c.starts_with("rust-src")) {
        eprintln!("xtask: installing the {NIGHTLY} toolchain with rust-src (about 10 s)");
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            NIGHTLY,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ]))?;
    }
    let sysroot = output("rustup", &["run", NIGHTLY, "rustc", "--print", "sysroot"])
        .ok_or_else(|| format!("rustc on {NIGHTLY} does not answer"))?;
    let library = PathBuf::from(sysroot).join("lib/rustlib/src/rust/library/Cargo.toml");
    run(nightly_cargo()
        .args(["fetch", "--manifest-path"])
        .arg(library))
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
    ensure_nightly()?;
    if browser {
        ensure_chromium()?;
    }
    // Trunk runs cargo with --offline: make sure every crate is in the local cache first.
    run(Command::new("cargo").args(["fetch"]))?;
    Ok(Tools {
        node_bin: root().join("node_modules/.bin"),
    })
}
