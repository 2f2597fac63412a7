//! `hopscope`: the command-line front end of Hopscope.
//!
//! A thin layer over `hopscope-core`: it reads files, standard input or an mbox as bytes, hands
//! each message to `analyze_bytes`, and prints the reports as JSON, Markdown, text or share
//! links. All analysis lives in the core; this binary only decides where bytes come from and
//! where reports go.
//!
//! `hopscope audit` counts every message of mailboxes, Maildir folders and trees of `.eml`
//! files into one aggregate (see `audit.rs`); mailboxes are streamed, never held in memory.
//!
//! `analyze --lookup` also looks up the TLS policies the recipient's and the sender's domains
//! publish now (MTA-STS, DANE, TLS-RPT; see `lookup.rs`): the only network use of the tool, and
//! only when asked.
//!
//! Exit codes: 0 when at least one message was analysed; 1 when no input looks like email
//! headers; 2 on bad usage or an unreadable file; with `--policy`, 3 when a message fails the
//! policy and 4 when none fails but some cannot be told.

/// mimalloc, not the system allocator. Each file's report and rendered text are made on an
/// analysis thread and freed on the writing one; glibc returns such memory to the other
/// thread's arena under its lock (the likely cost; not profiled further). Measured over the
/// benchmark's 10,000 files with two threads (`cargo bench -p hopscope-cli --bench files`),
/// alternating the two binaries: 119-134 ms with glibc, 103-114 ms with mimalloc, same
/// output; one thread: 173-345 ms against 156-242 ms.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod audit;
mod input;
mod lookup;
mod output;
mod parallel;
mod source;

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hopscope_core::aggregate::{self, Aggregate, MessageRef};
use hopscope_core::policy::{self, Outcome, Policy};
use hopscope_core::share::Redaction;
use hopscope_core::words;
use hopscope_lookup::MessageLookup;
use indicatif::{ProgressBar, ProgressStyle};

use output::{Format, Output, Share};
use source::Input;

/// The page that share links point to unless `--base-url` says otherwise: `make serve`.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/";

/// What to do when the input is not headers, said the same way for files and mboxes.
const PASTE_HINT: &str = "Paste the message source (in Gmail: Show original; \
in Outlook: File > Properties > Internet headers).";

#[derive(Parser)]
#[command(
    name = "hopscope",
    version,
    about = "Was this email encrypted on every hop?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report, hop by hop, whether messages travelled encrypted.
    #[command(after_help = "\
Exit status: 0 when at least one message was analysed, 1 when no input looks like email \
headers, 2 on bad usage or an unreadable file. With --policy: 3 when any message fails the \
policy, 4 when none fails but some cannot be told (a hop that does not say), else as above.

Policies: encrypted (every hop between servers is encrypted), modern (encrypted, every stated \
TLS version 1.2 or newer, no cipher graded weak or broken), or a TOML or JSON file with the \
fields name, description, scopes, min_version, version_must_be_stated, no_weak_ciphers, \
verified_client_certificate_external, recipient_policy (see docs/SCHEMA.md). A \
recipient_policy (mta_sts_enforce, dane, mta_sts_enforce_or_dane) can only be told with \
--lookup.

--lookup sends, for the recipient's and the sender's domains only: DNS queries for \
_mta-sts.<domain> TXT, <domain> MX, _25._tcp.<mx> TLSA and _smtp._tls.<domain> TXT to the \
system's resolver (or --resolver), and one HTTPS GET of \
https://mta-sts.<domain>/.well-known/mta-sts.txt per domain that announces MTA-STS. What it \
finds is the domains' policies now, not at delivery time; the hop verdicts never change.")]
    Analyze(AnalyzeArgs),
    /// Count every message of mailboxes into one report: how much travelled encrypted, per
    /// sending and receiving organisation, per month, and the worst messages.
    #[command(after_help = "\
PATH may be an mbox file (any size: it is streamed, never held in memory), a Maildir folder, \
a folder of .eml and .msg files (walked recursively), an .eml or .msg file, or - for standard \
input.

Exit status: 0 when at least one message was analysed, 1 when nothing that looks like email \
was found, 2 on bad usage or a PATH that cannot be read. With --policy: 3 when any message \
fails the policy, 4 when none fails but some cannot be told.")]
    Audit(AuditArgs),
}

#[derive(Args)]
struct AuditArgs {
    /// Output format: the report as JSON, Markdown or text, or CSV with one row per hop
    /// [default: text when standard output is a terminal, json otherwise]
    #[arg(long, value_enum)]
    format: Option<AuditFormatArg>,

    /// Analysis threads [default: the number of CPU cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,

    /// Check every message against a policy (encrypted, modern, or a TOML/JSON policy file)
    /// and count pass / fail / cannot tell, overall and per organisation
    #[arg(long, value_name = "NAME|FILE")]
    policy: Option<String>,

    /// Mailboxes, folders or message files (`-` for standard input)
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AuditFormatArg {
    /// The aggregate report as JSON (documented in docs/SCHEMA.md)
    Json,
    /// The report as Markdown, for tickets
    Markdown,
    /// The report as text, for terminals
    Text,
    /// One row per hop of every message, with message number and byte offset
    Csv,
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Output format [default: text when standard output is a terminal, json otherwise]
    #[arg(long, value_enum)]
    format: Option<FormatArg>,

    /// Read the messages of an mbox file (`-` for standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    mbox: Option<PathBuf>,

    /// Address of the Hopscope page that share links point to (for --format link)
    /// [default: http://127.0.0.1:8080/]
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,

    /// What share links hide, comma-separated: emails, ips, hostnames, message-ids; or all, or
    /// none (for --format link) [default: emails]
    #[arg(long, value_name = "WHAT", value_enum, value_delimiter = ',')]
    redact: Vec<RedactArg>,

    /// Check every message against a policy: encrypted, modern, or a TOML/JSON policy file
    #[arg(long, value_name = "NAME|FILE")]
    policy: Option<String>,

    /// Which message of a file to analyse when it holds others (a forward with the original
    /// attached): 0 the file's own message, 1… the messages inside it [default: the first
    /// message inside that has Received headers, else the file's own]
    #[arg(long, value_name = "N")]
    part: Option<u32>,

    /// Analysis threads for several files (reports are still written in the order of the
    /// files; --lookup and --format link use one) [default: the number of CPU cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,

    /// Look up the TLS policies the recipient's and the sender's domains publish now
    /// (MTA-STS, DANE, TLS-RPT): sends DNS queries and one HTTPS request per domain with
    /// MTA-STS (see below). Never done without this flag
    #[arg(long)]
    lookup: bool,

    /// The DNS server --lookup asks: an IP address, optionally with a port (192.0.2.53,
    /// 192.0.2.53:5353, [2001:db8::53]:53) [default: the system's resolver]
    #[arg(long, value_name = "ADDR", value_parser = lookup::parse_resolver, requires = "lookup")]
    resolver: Option<SocketAddr>,

    /// How long each DNS query (per attempt, two attempts) and each policy-file fetch of
    /// --lookup may take, in seconds [default: 5]
    #[arg(long, value_name = "SECONDS", value_parser = lookup::parse_timeout, requires = "lookup")]
    lookup_timeout: Option<Duration>,

    /// Files holding the headers or whole message source, or Outlook .msg files (`-` for
    /// standard input)
    #[arg(value_name = "FILE", required_unless_present = "mbox")]
    files: Vec<PathBuf>,
}

/// The policy `--policy` names: a built-in one, or a file (TOML, or JSON when it starts with
/// `{`).
fn load_policy(spec: &str) -> anyhow::Result<Policy> {
    if let Some(policy) = Policy::built_in(spec) {
        return Ok(policy);
    }
    let path = Path::new(spec);
    if !path.exists() {
        anyhow::bail!("--policy {spec}: not a built-in policy (encrypted, modern) nor a file");
    }
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("--policy: cannot read {spec}: {e}"))?;
    if bytes.len() > 64 * 1024 {
        anyhow::bail!("--policy: {spec} is larger than 64 KB; a policy is a few lines");
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("--policy: {spec} is not UTF-8 text"))?;
    let policy: Policy = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("--policy: {spec}: {e}"))?
    } else {
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("--policy: {spec}: {e}"))?
    };
    if policy.scopes.is_empty() {
        anyhow::bail!("--policy: {spec}: scopes is empty, so the policy would judge no hop");
    }
    Ok(policy)
}

/// The exit code a policy run ends with, from the worst outcome among the messages.
fn policy_exit(worst: Option<Outcome>) -> Option<ExitCode> {
    match worst? {
        Outcome::Fail => Some(ExitCode::from(3)),
        Outcome::CannotTell => Some(ExitCode::from(4)),
        Outcome::Pass | Outcome::NotJudged => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// The report as JSON; JSON Lines for several messages
    Json,
    /// Markdown for tickets
    Markdown,
    /// A table for terminals
    Text,
    /// A share link to the Hopscope page, one per line: the report rides in the URL fragment,
    /// which browsers never send to a server
    Link,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RedactArg {
    /// Mailboxes (alice@… becomes user-1@…) and display names
    Emails,
    /// IPv4 and IPv6 addresses (loopback stays)
    Ips,
    /// Host and domain names
    Hostnames,
    /// Message-IDs
    MessageIds,
    /// The Subject
    Subject,
    /// Everything above
    All,
    /// Nothing
    None,
}

/// What `--redact` asks for; `None` when its values contradict each other.
fn redaction(values: &[RedactArg]) -> Option<Redaction> {
    if values.is_empty() {
        return Some(Redaction::default());
    }
    if values.contains(&RedactArg::None) {
        return values
            .iter()
            .all(|v| *v == RedactArg::None)
            .then_some(Redaction::NONE);
    }
    let mut r = Redaction::NONE;
    for value in values {
        match value {
            RedactArg::Emails => r.emails = true,
            RedactArg::Ips => r.ips = true,
            RedactArg::Hostnames => r.hostnames = true,
            RedactArg::MessageIds => r.message_ids = true,
            RedactArg::Subject => r.subject = true,
            RedactArg::All => r = Redaction::ALL,
            RedactArg::None => {}
        }
    }
    Some(r)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(&args),
        Command::Audit(args) => audit(&args),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`hopscope … | head`): not an error worth a message.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hopscope: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn audit(args: &AuditArgs) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        Some(AuditFormatArg::Json) => audit::AuditFormat::Json,
        Some(AuditFormatArg::Markdown) => audit::AuditFormat::Markdown,
        Some(AuditFormatArg::Text) => audit::AuditFormat::Text,
        Some(AuditFormatArg::Csv) => audit::AuditFormat::Csv,
        None if io::stdout().is_terminal() => audit::AuditFormat::Text,
        None => audit::AuditFormat::Json,
    };
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let policy = match args.policy.as_deref().map(load_policy).transpose() {
        Ok(policy) => policy,
        Err(e) => {
            eprintln!("hopscope: {e:#}");
            return Ok(ExitCode::from(2));
        }
    };
    if policy
        .as_ref()
        .is_some_and(|p| p.recipient_policy.is_some())
    {
        eprintln!(
            "hopscope: this policy asks what the recipient's domain publishes, which audit does not \
             look up: no message can pass it (each cannot be told, or fails on its hops). \
             hopscope analyze --lookup can tell."
        );
    }
    audit::run(&args.paths, format, threads, policy.as_ref())
}

fn analyze(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let stdout_is_terminal = io::stdout().is_terminal();
    let format = match args.format {
        Some(FormatArg::Link) => Format::Link,
        Some(FormatArg::Json) => Format::Json,
        Some(FormatArg::Markdown) => Format::Markdown,
        Some(FormatArg::Text) => Format::Text,
        None if stdout_is_terminal => Format::Text,
        None => Format::Json,
    };
    if format != Format::Link && args.base_url.is_some() {
        eprintln!("hopscope: --base-url is only used by --format link; ignoring it.");
    }
    if format != Format::Link && !args.redact.is_empty() {
        eprintln!("hopscope: --redact is only used by --format link; ignoring it.");
    }
    let Some(redaction) = redaction(&args.redact) else {
        eprintln!("hopscope: --redact none cannot be combined with other values.");
        return Ok(ExitCode::from(2));
    };
    let policy = match args.policy.as_deref().map(load_policy).transpose() {
        Ok(policy) => policy,
        Err(e) => {
            eprintln!("hopscope: {e:#}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.part.is_some() && args.mbox.is_some() {
        eprintln!("hopscope: --part applies to message files, not to --mbox; ignoring it.");
    }
    if format == Format::Link && args.lookup {
        eprintln!(
            "hopscope: share links do not carry --lookup results (a policy result they gave is \
             carried)."
        );
    }
    let mut checks = Checks {
        policy,
        part: args.part,
        lookups: args.lookup.then(|| {
            lookup::Lookups::new(
                args.resolver,
                args.lookup_timeout.unwrap_or(lookup::DEFAULT_TIMEOUT),
            )
        }),
    };
    let share = Share {
        base_url: args
            .base_url
            .clone()
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        redaction,
    };
    let color = format == Format::Text && stdout_is_terminal && wants_color();
    let out: Box<dyn Write> = if stdout_is_terminal {
        // Already line-buffered; a second buffer would hold text back behind the progress bar.
        Box::new(io::stdout().lock())
    } else {
        Box::new(io::BufWriter::new(io::stdout().lock()))
    };
    match &args.mbox {
        Some(path) => analyze_mbox(
            path,
            Output::new(out, format, color, true).with_share(share),
            format,
            &mut checks,
        ),
        None => analyze_files(
            &args.files,
            Output::new(out, format, color, args.files.len() > 1).with_share(share),
            &mut checks,
            args.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, |n| n.get()),
                usize::from,
            ),
        ),
    }
}

/// What `analyze` does to each report besides printing it.
struct Checks {
    policy: Option<Policy>,
    part: Option<u32>,
    /// With `--lookup`.
    lookups: Option<lookup::Lookups>,
}

impl Checks {
    /// Looks up the message's domains (with `--lookup`) and checks the policy (with
    /// `--policy`) into the report, with what the lookup found; returns the policy's answer
    /// and the lookup. `text` is what the report was made from. Reports that are not email
    /// get neither.
    fn apply(
        &mut self,
        report: &mut hopscope_core::Report,
        text: &str,
    ) -> (Option<Outcome>, Option<MessageLookup>) {
        if !report.looks_like_email {
            return (None, None);
        }
        let looked_up = self.lookups.as_mut().map(|l| {
            let text = hopscope_core::part_text(text, report.part);
            l.message(report, &text)
        });
        let outcome = check_policy(self.policy.as_ref(), report, looked_up.as_ref());
        (outcome, looked_up)
    }
}

/// Checks `report` against `policy` (with what a lookup found, if anything) into the report;
/// returns the policy's answer.
fn check_policy(
    policy: Option<&Policy>,
    report: &mut hopscope_core::Report,
    looked_up: Option<&MessageLookup>,
) -> Option<Outcome> {
    let policy = policy?;
    let check = match looked_up {
        Some(l) => policy::check_looked_up(report, policy, l.requirement().as_ref()),
        None => policy::check(report, policy, None),
    };
    let outcome = check.outcome;
    report.policy = Some(check);
    Some(outcome)
}

/// The text of one file that a report is made from: an Outlook `.msg` file's transport
/// headers; anything else as text (headers or a whole message, invalid UTF-8 replaced).
fn input_text(input: &input::Input) -> Result<Cow<'_, str>, String> {
    if input
        .bytes
        .starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        let msg = hopscope_msg::read(&input.bytes).map_err(|e| e.to_string())?;
        return match msg.transport_headers() {
            Some(headers) => Ok(Cow::Owned(headers.to_owned())),
            None => Err(msg
                .no_headers_reason()
                .unwrap_or(
                    "This .msg file has no transport headers, so there is no route to check.",
                )
                .to_owned()),
        };
    }
    Ok(hopscope_core::decode(&input.bytes))
}

/// One report per file.
fn analyze_files(
    files: &[PathBuf],
    mut output: Output<impl Write>,
    checks: &mut Checks,
    threads: usize,
) -> anyhow::Result<ExitCode> {
    // Read everything first: an unreadable file stops the run before anything is printed, so
    // JSON Lines never silently miss a line.
    let inputs = read_all(files, threads)?;
    let mut any_email = false;
    let mut worst: Option<Outcome> = None;
    if threads > 1 && inputs.len() > 1 && checks.lookups.is_none() && output.renderer().parallel() {
        let renderer = output.renderer().clone();
        let (policy, part) = (checks.policy.as_ref(), checks.part);
        parallel::in_order(
            &inputs,
            threads,
            |input| render_file(input, &renderer, policy, part),
            |input, done| {
                match done {
                    Err(why) => eprintln!("hopscope: {}: {why}", input.label),
                    Ok(done) => {
                        worst = worst.max(done.outcome);
                        any_email |= done.looks_like_email;
                        if !done.looks_like_email {
                            eprintln!(
                                "hopscope: {} does not look like email headers (no header \
                                 lines found). {PASTE_HINT}",
                                input.label
                            );
                        }
                        output.write_rendered(&done.text, done.looks_like_email)?;
                    }
                }
                Ok::<(), io::Error>(())
            },
        )?;
        output.finish()?;
        return Ok(if !any_email {
            ExitCode::from(1)
        } else {
            policy_exit(worst).unwrap_or(ExitCode::SUCCESS)
        });
    }
    for input in &inputs {
        let text = match input_text(input) {
            Ok(text) => text,
            Err(why) => {
                eprintln!("hopscope: {}: {why}", input.label);
                continue;
            }
        };
        // The report borrows the text: nothing of a hop is copied before it is written out.
        let mut report = match checks.part {
            Some(n) => hopscope_core::analyze_part(&text, n),
            None => hopscope_core::analyze(&text),
        };
        let (outcome, looked_up) = checks.apply(&mut report, &text);
        if let Some(outcome) = outcome {
            worst = worst.max(Some(outcome));
        }
        if report.looks_like_email {
            any_email = true;
        } else {
            eprintln!(
                "hopscope: {} does not look like email headers (no header lines found). \
                 {PASTE_HINT}",
                input.label
            );
        }
        output.report_with_lookup(&input.label, &report, looked_up.as_ref())?;
    }
    output.finish()?;
    Ok(if !any_email {
        ExitCode::from(1)
    } else {
        policy_exit(worst).unwrap_or(ExitCode::SUCCESS)
    })
}

/// Reads every file, in order; the first that cannot be read is the error. Many files are read
/// on `threads` threads (system calls: about 25 ms of a 230 ms one-thread run over 10,000
/// small files); standard input (`-`) is read on this thread, once.
fn read_all(files: &[PathBuf], threads: usize) -> anyhow::Result<Vec<input::Input>> {
    if threads <= 1 || files.len() < 2 || files.iter().any(|f| f.as_os_str() == "-") {
        return files.iter().map(|path| input::read(path)).collect();
    }
    let mut inputs = Vec::with_capacity(files.len());
    parallel::in_order(
        files,
        threads,
        |path| input::read(path),
        |_, read| {
            inputs.push(read?);
            Ok::<(), anyhow::Error>(())
        },
    )?;
    Ok(inputs)
}

/// One file's report, rendered (on an analysis thread of [`parallel::in_order`]).
struct Rendered {
    text: String,
    looks_like_email: bool,
    outcome: Option<Outcome>,
}

/// Reads, analyses, checks and renders one file: the work of one loop turn of
/// [`analyze_files`] without lookups. `Err` says why the file has no report.
fn render_file(
    input: &input::Input,
    renderer: &output::Renderer,
    policy: Option<&Policy>,
    part: Option<u32>,
) -> Result<Rendered, String> {
    let text = input_text(input)?;
    let mut report = match part {
        Some(n) => hopscope_core::analyze_part(&text, n),
        None => hopscope_core::analyze(&text),
    };
    let outcome = report
        .looks_like_email
        .then(|| check_policy(policy, &mut report, None))
        .flatten();
    let text = renderer
        .render(&input.label, &report, None)
        .map_err(|e| e.to_string())?;
    Ok(Rendered {
        text,
        looks_like_email: report.looks_like_email,
        outcome,
    })
}

/// One report per message of an mbox, then the totals. The mbox is streamed (only header
/// blocks are kept), and what counts as a message, and which are skipped, is the core's
/// `aggregate::analyze_part`: the same rule as `hopscope audit`, so the per-message reports
/// add up to the audit's totals.
fn analyze_mbox(
    path: &Path,
    mut output: Output<impl Write>,
    format: Format,
    checks: &mut Checks,
) -> anyhow::Result<ExitCode> {
    if path.is_dir() {
        anyhow::bail!(
            "{} is a folder: --mbox reads one mailbox file (hopscope audit reads folders)",
            hopscope_core::render::one_line(&path.display().to_string())
        );
    }
    let (mut inputs, _) = if path.as_os_str() == "-" {
        (
            vec![Input {
                path: None,
                label: input::STDIN_LABEL.into(),
                size: None,
            }],
            0,
        )
    } else {
        audit::collect(&[path.to_path_buf()])?
    };
    let input = inputs.remove(0);
    let stdout_is_terminal = io::stdout().is_terminal();
    let stderr_is_terminal = io::stderr().is_terminal();
    let progress = stderr_is_terminal.then(|| {
        let bar = match input.size {
            Some(size) => ProgressBar::new(size),
            None => ProgressBar::no_length(),
        };
        if let Ok(style) =
            ProgressStyle::with_template("{wide_bar} {bytes}/{total_bytes}, {eta} left")
        {
            bar.set_style(style);
        }
        bar
    });

    let mut aggregate = Aggregate::default();
    let mut skips_named = 0;
    let mut worst: Option<Outcome> = None;
    let outcome = source::read(&input, 0, progress.as_ref(), &mut |batch| {
        for part in &batch.parts {
            let source = MessageRef::new(0, &batch.label, part);
            let label = format!(
                "{}, message {} (byte {})",
                batch.label, part.number, part.offset
            );
            match aggregate::analyze_part(part) {
                Ok(mut report) => {
                    let (outcome, looked_up) =
                        checks.apply(&mut report, &hopscope_core::decode(&part.header));
                    if let Some(outcome) = outcome {
                        worst = worst.max(Some(outcome));
                    }
                    let looked_up = looked_up.as_ref();
                    match &progress {
                        // Both on one screen: lift the bar while the report is written.
                        Some(bar) if stdout_is_terminal => {
                            bar.suspend(|| output.report_with_lookup(&label, &report, looked_up))?
                        }
                        _ => output.report_with_lookup(&label, &report, looked_up)?,
                    }
                    aggregate.add(&report, source);
                }
                Err(reason) => {
                    if skips_named < 10 {
                        skips_named += 1;
                        let line = format!(
                            "hopscope: {label}: skipped: {}.",
                            words::skip_reason_word(reason)
                        );
                        match &progress {
                            Some(bar) => bar.suspend(|| eprintln!("{line}")),
                            None => eprintln!("{line}"),
                        }
                    }
                    aggregate.skip(reason, source);
                }
            }
        }
        Ok(())
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(error) = outcome.error {
        return Err(anyhow::Error::new(error).context(format!("cannot read {}", input.label)));
    }
    aggregate.add_file(&outcome.stats);
    let report = aggregate.report();
    let skipped = report.totals.skipped;
    if skipped > skips_named {
        eprintln!(
            "hopscope: … and {} more skipped.",
            words::count(skipped - skips_named, "message", "messages")
        );
    }

    if report.totals.analysed == 0 {
        output.finish()?;
        let why = match outcome.stats.kind {
            Some(kind) if kind.rules_out_mailbox() => format!(
                "not a mailbox: it looks like {}",
                words::file_kind_word(kind)
            ),
            _ if report.totals.messages == 0 => "no message found".to_owned(),
            _ => "no message looks like email headers (no header lines found)".to_owned(),
        };
        eprintln!("hopscope: {}: {why}. {PASTE_HINT}", input.label);
        return Ok(ExitCode::from(1));
    }
    if skipped > 0 {
        eprintln!(
            "hopscope: {skipped} of {} in {} skipped; they have no report.",
            words::count(report.totals.messages, "message", "messages"),
            input.label
        );
    }
    match format {
        // One line per message; the totals would break that, so they go to a terminal only.
        Format::Json | Format::Link => {
            output.finish()?;
            if stderr_is_terminal {
                eprint!("\n{}", aggregate::render::text(&report));
            }
        }
        Format::Markdown | Format::Text => {
            output.summary(&report)?;
            output.finish()?;
        }
    }
    Ok(policy_exit(worst).unwrap_or(ExitCode::SUCCESS))
}

/// Colour unless the user opted out (<https://no-color.org>) or the terminal cannot show it.
fn wants_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && !dumb
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn files_or_mbox_required_but_not_both() {
        assert!(Cli::try_parse_from(["hopscope", "analyze"]).is_err());
        assert!(Cli::try_parse_from(["hopscope", "analyze", "a", "--mbox", "b"]).is_err());
        assert!(Cli::try_parse_from(["hopscope", "analyze", "--mbox", "b"]).is_ok());
        assert!(Cli::try_parse_from(["hopscope", "analyze", "a", "b", "-"]).is_ok());
        assert!(Cli::try_parse_from(["hopscope", "analyze", "--format", "xml", "a"]).is_err());
    }

    #[test]
    fn audit_arguments() {
        assert!(
            Cli::try_parse_from(["hopscope", "audit"]).is_err(),
            "a PATH is required"
        );
        assert!(Cli::try_parse_from(["hopscope", "audit", "a", "b/"]).is_ok());
        assert!(Cli::try_parse_from(["hopscope", "audit", "--format", "csv", "a"]).is_ok());
        assert!(Cli::try_parse_from(["hopscope", "audit", "--format", "link", "a"]).is_err());
        assert!(Cli::try_parse_from(["hopscope", "audit", "--threads", "0", "a"]).is_err());
        match Cli::try_parse_from(["hopscope", "audit", "--threads", "3", "a"]) {
            Ok(Cli {
                command: Command::Audit(a),
            }) => assert_eq!(a.threads, Some(3)),
            _ => panic!("an audit command"),
        }
    }

    #[test]
    fn redact_values() {
        let parse = |args: &[&str]| {
            let mut argv = vec!["hopscope", "analyze", "-"];
            argv.extend_from_slice(args);
            match Cli::try_parse_from(argv).map(|cli| cli.command) {
                Ok(Command::Analyze(a)) => redaction(&a.redact),
                Ok(Command::Audit(_)) => unreachable!("an analyze command"),
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(parse(&[]), Some(Redaction::default()));
        assert_eq!(parse(&["--redact", "all"]), Some(Redaction::ALL));
        assert_eq!(parse(&["--redact", "none"]), Some(Redaction::NONE));
        assert_eq!(
            parse(&["--redact", "ips,message-ids", "--redact", "hostnames"]),
            Some(Redaction {
                emails: false,
                ips: true,
                hostnames: true,
                message_ids: true,
                subject: false,
            })
        );
        assert_eq!(parse(&["--redact", "none,emails"]), None);
        assert!(Cli::try_parse_from(["hopscope", "analyze", "--redact", "names", "-"]).is_err());
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
