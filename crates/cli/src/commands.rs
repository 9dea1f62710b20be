//! One function per subcommand: call the workstation, shape the output for people and JSON.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use serde_json::{json, Value};
use workstation::{
    Config, ImportRequest, PopulationFile, RiskAssessment, RiskRequest, Role, Roles, Workstation,
};

use crate::args::{
    AnonymizeArgs, AuditCommand, Cli, Command, ImportArgs, RiskArgs, ShowArgs, UserCommand,
};
use crate::failure::Failure;
use crate::passphrase;
use crate::phi;

/// A command's report in both forms. A report can still carry a failure (a broken audit
/// chain is reported on stdout and exits 4).
pub struct Output {
    /// For people.
    pub human: String,
    /// The one JSON object of `--json`.
    pub json: Value,
    /// Printed on stderr after the report; its exit code is the process's.
    pub failure: Option<Failure>,
    /// True when the command already wrote its report to stdout (streamed output).
    pub is_printed: bool,
}

impl Output {
    pub(crate) fn new(human: String, json: Value) -> Self {
        Self {
            human,
            json,
            failure: None,
            is_printed: false,
        }
    }

    /// The report of a command that streamed it to stdout itself.
    pub(crate) fn printed() -> Self {
        Self {
            is_printed: true,
            ..Self::new(String::new(), Value::Null)
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> Result<Output, Failure> {
    let dir = cli
        .workspace
        .clone()
        .unwrap_or_else(workstation::default_workspace_dir);
    match &cli.command {
        Command::Init => init(dir, cli),
        Command::Demo => demo(dir, cli),
        Command::Anonymize(args) => anonymize(args),
        Command::Detect(args) => phi::detect(args, cli.json),
        Command::Scan(args) => phi::scan(&mut unlock(dir, cli)?, args),
        Command::Findings(args) => phi::findings(&mut unlock(dir, cli)?, args),
        Command::Risk(args) if args.csv.is_some() => risk(None, args),
        Command::Risk(args) => risk(Some(&mut unlock(dir, cli)?), args),
        Command::User(UserCommand::Add { name, roles }) => {
            user_add(&mut unlock(dir, cli)?, name, roles)
        }
        Command::User(UserCommand::List) => user_list(&mut unlock(dir, cli)?),
        Command::Passwd => passwd(&mut unlock(dir, cli)?),
        Command::Import(args) => import(&mut unlock(dir, cli)?, args),
        Command::Datasets => datasets(&mut unlock(dir, cli)?),
        Command::Show(args) => show(&mut unlock(dir, cli)?, args),
        Command::Audit(args) => match args.verify {
            Some(AuditCommand::Verify) => audit_verify(&mut unlock(dir, cli)?),
            None => audit(&mut unlock(dir, cli)?),
        },
    }
}

fn user_name(cli: &Cli) -> Result<&str, Failure> {
    cli.user
        .as_deref()
        .ok_or_else(|| Failure::usage("no user given", "pass --user NAME or set BREAKWATER_USER"))
}

fn unlock(dir: PathBuf, cli: &Cli) -> Result<Workstation, Failure> {
    let mut ws = Workstation::new(dir, Config::from_env());
    if !ws.status().exists {
        return Err(workstation::Error::from(vault_not_a_workspace(ws.dir())).into());
    }
    let user = user_name(cli)?;
    let pass = passphrase::own(&format!("Passphrase for {user}: "))?;
    ws.unlock(user, &pass)?;
    Ok(ws)
}

fn vault_not_a_workspace(dir: &std::path::Path) -> workstation::VaultError {
    workstation::VaultError::NotAWorkspace {
        path: dir.to_path_buf(),
    }
}

fn roles_json(roles: &Roles) -> Value {
    json!(roles.iter().map(Role::as_str).collect::<Vec<_>>())
}

fn roles_text(roles: &Roles) -> String {
    roles
        .iter()
        .map(Role::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn init(dir: PathBuf, cli: &Cli) -> Result<Output, Failure> {
    let user = user_name(cli)?;
    let pass = passphrase::own_new(&format!("New passphrase for {user}: "))?;
    let mut ws = Workstation::new(dir, Config::from_env());
    let info = ws.init(user, &pass)?;
    Ok(Output::new(
        format!(
            "Created workspace {}\nUser {} has roles: {}",
            info.workspace,
            info.user,
            roles_text(&info.roles)
        ),
        json!({ "workspace": info.workspace, "user": info.user, "roles": roles_json(&info.roles) }),
    ))
}

fn demo(dir: PathBuf, cli: &Cli) -> Result<Output, Failure> {
    let user = cli.user.as_deref().unwrap_or("demo");
    let pass = passphrase::own_new(&format!("New passphrase for {user}: "))?;
    let out = workstation::create_demo(&dir, user, &pass, Config::from_env())?;
    let workspace = dir.display().to_string();
    Ok(Output::new(
        format!(
            "Created demo workspace {workspace} for user {user}\nDataset {} \"{}\": {} rows × {} columns (synthetic, fictitious)",
            out.dataset,
            workstation::DEMO_DATASET_NAME,
            out.rows,
            out.columns.len()
        ),
        json!({
            "workspace": workspace,
            "user": user,
            "dataset": out.dataset,
            "name": workstation::DEMO_DATASET_NAME,
            "rows": out.rows,
        }),
    ))
}

fn user_add(ws: &mut Workstation, name: &str, roles: &[String]) -> Result<Output, Failure> {
    ws.check_role(Role::Admin, "add users")?;
    let parsed = roles
        .iter()
        .map(|r| r.parse::<Role>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::usage(e.to_string(), "for example --role analyst,approver"))?;
    let roles = Roles::new(parsed)
        .ok_or_else(|| Failure::usage("no role given", "for example --role analyst"))?;
    let pass = passphrase::new(&format!("New passphrase for {name}: "))?;
    let user = ws.add_user(name, &roles, &pass)?;
    Ok(Output::new(
        format!(
            "Added user {} with roles: {}",
            user.name,
            roles_text(&user.roles)
        ),
        json!({ "user": user.name, "roles": roles_json(&user.roles) }),
    ))
}

fn user_list(ws: &mut Workstation) -> Result<Output, Failure> {
    let users = ws.users()?;
    let mut human = String::new();
    for u in &users {
        let _ = writeln!(human, "{:<24} {}", u.name, roles_text(&u.roles));
    }
    let list: Vec<Value> = users
        .iter()
        .map(|u| json!({ "user": u.name, "roles": roles_json(&u.roles) }))
        .collect();
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({ "users": list }),
    ))
}

fn passwd(ws: &mut Workstation) -> Result<Output, Failure> {
    let pass = passphrase::new("New passphrase: ")?;
    ws.change_passphrase(&pass)?;
    let user = ws.status().session.map(|s| s.user).unwrap_or_default();
    Ok(Output::new(
        format!("Changed the passphrase of {user}"),
        json!({ "user": user, "changed": true }),
    ))
}

fn parse_delimiter(text: &str) -> Result<u8, Failure> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        _ => Err(Failure::usage(
            "the delimiter must be one ASCII character or `tab`",
            "for example --delimiter ';'",
        )),
    }
}

fn import(ws: &mut Workstation, args: &ImportArgs) -> Result<Output, Failure> {
    let delimiter = args.delimiter.as_deref().map(parse_delimiter).transpose()?;
    let request = ImportRequest {
        name: args.name.clone(),
        delimiter,
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let outcome = ws.import_file(&args.file, &request, &mut |p| {
        if let Some(bar) = &bar {
            bar.set_length(p.total_bytes.unwrap_or(p.bytes_read));
            bar.set_position(p.bytes_read);
            bar.set_message(format!("{} rows", p.rows_read));
        }
        true
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let out = outcome?;
    let names: Vec<&str> = out.columns.iter().map(|c| c.name.as_str()).collect();
    let types: Vec<&str> = out.columns.iter().map(|c| c.column_type.as_str()).collect();
    Ok(Output::new(
        format!(
            "Imported dataset {} \"{}\": {} rows × {} columns",
            out.dataset,
            args.name,
            out.rows,
            names.len()
        ),
        json!({
            "dataset": out.dataset,
            "name": args.name,
            "version": out.version,
            "rows": out.rows,
            "columns": names,
            "types": types,
        }),
    ))
}

fn datasets(ws: &mut Workstation) -> Result<Output, Failure> {
    let list = ws.datasets()?;
    let mut human = if list.is_empty() {
        "No datasets yet.".to_string()
    } else {
        String::new()
    };
    for d in &list {
        let _ = writeln!(
            human,
            "{:>4}  {:<32} {:>10} rows  {:>3} columns  {} version(s)",
            d.dataset, d.name, d.rows, d.columns, d.versions
        );
    }
    let json_list: Vec<Value> = list
        .iter()
        .map(|d| json!({ "dataset": d.dataset, "name": d.name, "versions": d.versions, "rows": d.rows, "columns": d.columns, "created_at": d.created_at, "created_by": d.created_by }))
        .collect();
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({ "datasets": json_list }),
    ))
}

fn show(ws: &mut Workstation, args: &ShowArgs) -> Result<Output, Failure> {
    let info = ws.dataset_info(&args.dataset, args.version)?;
    let limit = args.limit.min(workstation::MAX_PAGE_ROWS);
    let rows = if limit == 0 {
        Vec::new()
    } else {
        ws.rows(info.dataset, Some(info.version), args.offset, limit)?
            .rows
    };
    let columns: Vec<&str> = info.columns.iter().map(|c| c.name.as_str()).collect();
    let mut human = format!(
        "Dataset {} \"{}\" version {} of {}: {} rows\n{}\n",
        info.dataset,
        info.name,
        info.version,
        info.versions,
        info.total_rows,
        columns.join("\t")
    );
    for row in &rows {
        let _ = writeln!(human, "{}", row.join("\t"));
    }
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({
            "dataset": info.dataset,
            "name": info.name,
            "version": info.version,
            "columns": columns,
            "total_rows": info.total_rows,
            "rows": rows,
        }),
    ))
}

fn audit(ws: &mut Workstation) -> Result<Output, Failure> {
    let events = ws.audit_events()?;
    let mut human = String::new();
    for e in &events {
        let _ = writeln!(
            human,
            "{:>5}  {}  {:<16} {:<13} {:<14} {}",
            e.seq,
            e.time,
            e.actor,
            e.action,
            e.object.as_deref().unwrap_or("-"),
            workstation::canonical_json(&e.details)
        );
    }
    let list: Vec<Value> = events
        .iter()
        .map(|e| json!({ "seq": e.seq, "time": e.time, "actor": e.actor, "action": e.action, "object": e.object, "reason": e.reason, "details": e.details, "hash": e.hash }))
        .collect();
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({ "events": list }),
    ))
}

fn audit_verify(ws: &mut Workstation) -> Result<Output, Failure> {
    let v = ws.verify_audit()?;
    let human = match &v.problem {
        None => format!(
            "Audit chain intact: {} events verified\nHead hash: {} (record it to detect a later rollback)",
            v.events,
            v.head.as_deref().unwrap_or("-")
        ),
        Some(p) => format!("Audit chain BROKEN after checking {} events: {p}", v.events),
    };
    let json = json!({ "ok": v.ok, "events": v.events, "problem": v.problem, "head": v.head });
    let failure = v.problem.as_ref().map(|p| {
        Failure::integrity(
            format!("the audit trail failed verification: {p}"),
            "keep the workspace unchanged for investigation and tell your security officer",
        )
    });
    Ok(Output {
        human,
        json,
        failure,
        is_printed: false,
    })
}

fn risk(ws: Option<&mut Workstation>, args: &RiskArgs) -> Result<Output, Failure> {
    let request = RiskRequest {
        qi: args.qi.iter().map(|q| q.trim().to_string()).collect(),
        sensitive: args.sensitive.clone(),
        person_id: args.person_id.clone(),
        threshold: args.threshold,
        population_size: args.population_size,
    };
    let population = match &args.population_table {
        Some(path) => Some(PopulationFile {
            path: path.clone(),
            delimiter: args
                .population_delimiter
                .as_deref()
                .map(parse_delimiter)
                .transpose()?,
            delta_bounds: match (args.delta_min, args.delta_max) {
                (None, None) => None,
                (min, max) => Some((min.unwrap_or(0.0), max.unwrap_or(1.0))),
            },
        }),
        None => None,
    };
    let assessment = match (ws, &args.csv, &args.dataset, &population) {
        (_, Some(path), _, None) => {
            let delimiter = args.delimiter.as_deref().map(parse_delimiter).transpose()?;
            workstation::assess_file(path, delimiter, &request)?
        }
        (_, Some(path), _, Some(population)) => {
            let delimiter = args.delimiter.as_deref().map(parse_delimiter).transpose()?;
            workstation::assess_file_with_population(path, delimiter, &request, population)?
        }
        (Some(ws), None, Some(dataset), None) => {
            let id = ws.resolve(dataset)?;
            ws.assess_risk(id, args.version, &request)?
        }
        (Some(ws), None, Some(dataset), Some(population)) => {
            let id = ws.resolve(dataset)?;
            ws.assess_risk_with_population(id, args.version, &request, population)?
        }
        _ => {
            return Err(Failure::usage(
                "give --csv PATH or --dataset DATASET",
                "see breakwater risk --help",
            ))
        }
    };
    let json = serde_json::to_value(&assessment)
        .map_err(|e| Failure::error(format!("cannot format the report: {e}"), "report this"))?;
    Ok(Output::new(risk_text(&assessment), json))
}

fn risk_text(a: &RiskAssessment) -> String {
    let r = &a.report;
    let mut out = format!(
        "Records: {} ({} persons) in {} equivalence classes; smallest class k = {}\n\
         Prosecutor risk: average {:.6}, highest {:.6}\n\
         Sample uniques: {:.4}%; records at risk (above {}): {:.4}%\n",
        r.rows,
        r.persons,
        r.classes,
        r.k_min,
        r.avg_prosecutor_risk,
        r.max_prosecutor_risk,
        r.sample_uniques * 100.0,
        r.threshold,
        r.records_at_risk * 100.0
    );
    if let (Some(l), Some(e), Some(t)) = (r.l_distinct_min, r.l_entropy_min, r.t_closeness_max) {
        let _ = writeln!(
            out,
            "l-diversity: distinct {l}, entropy {e:.6}; t-closeness (equal distance): {t:.6}"
        );
    }
    if let Some(p) = &a.population {
        let _ = writeln!(
            out,
            "Population {} (sampling fraction {:.6}): journalist risk average {:.6}, highest {:.6}; marketer {:.6}",
            p.population_size, p.sampling_fraction, p.journalist_avg_risk, p.journalist_max_risk, p.marketer_risk
        );
        let show = |v: Option<f64>| v.map_or("undefined".to_string(), |v| format!("{v:.6}"));
        let _ = writeln!(
            out,
            "Population uniqueness: Pitman {}, Zayatz {}, SNB {}, Dankar {} ({})",
            show(p.pitman),
            show(p.zayatz),
            show(p.snb),
            show(p.dankar),
            p.dankar_model
        );
    }
    if let Some(p) = &a.population_table {
        let _ = writeln!(
            out,
            "Population table: {} records in {} classes (sampling fraction {:.6})\n\
             Journalist risk: average {:.6}, highest {:.6}; records at risk (above {}): {:.4}%\n\
             Marketer risk: {:.6}",
            p.population_size,
            p.population_classes,
            p.sampling_fraction,
            p.journalist_avg_risk,
            p.journalist_max_risk,
            r.threshold,
            p.journalist_records_at_risk * 100.0,
            p.marketer_risk
        );
        let _ = write!(
            out,
            "δ-presence: δ from {:.6} to {:.6} over the population classes ({} without records in the data)",
            p.delta_min, p.delta_max, p.unsampled_population_classes
        );
        match (&p.delta_bounds, p.is_delta_present) {
            (Some(b), Some(true)) => {
                let _ = writeln!(out, "; ({}, {})-presence holds", b.min, b.max);
            }
            (Some(b), Some(false)) => {
                let _ = writeln!(out, "; ({}, {})-presence does NOT hold", b.min, b.max);
            }
            _ => out.push('\n'),
        }
    }
    let _ = write!(out, "Computed in {:.1} ms", a.elapsed_ms);
    out
}

fn anonymize(args: &AnonymizeArgs) -> Result<Output, Failure> {
    let hierarchies = args
        .hierarchies
        .iter()
        .map(|h| match h.split_once('=') {
            Some((column, file)) if !column.trim().is_empty() && !file.is_empty() => {
                Ok((column.trim().to_string(), PathBuf::from(file)))
            }
            _ => Err(Failure::usage(
                format!("--hierarchy {h}: expected COLUMN=FILE"),
                "for example --hierarchy age=age.csv",
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let request = workstation::AnonymizeRequest {
        qi: args.qi.iter().map(|q| q.trim().to_string()).collect(),
        hierarchies,
        k: args.k,
        l: args.l,
        sensitive: args.sensitive.clone(),
        t: args.t,
        sensitive_hierarchy: args.sensitive_hierarchy.clone(),
        max_suppression: args.max_suppression,
        threshold: args.threshold,
        out: args.out.clone(),
    };
    let delimiter = args.delimiter.as_deref().map(parse_delimiter).transpose()?;
    let outcome = workstation::anonymize_file(&args.csv, delimiter, &request, &mut |_| true)?;
    let json = serde_json::to_value(&outcome)
        .map_err(|e| Failure::error(format!("cannot format the result: {e}"), "report this"))?;
    let a = &outcome.anonymization;
    let levels: Vec<String> = a
        .levels
        .iter()
        .map(|l| format!("{}={}/{}", l.column, l.level, l.max_level))
        .collect();
    let mut human = format!(
        "Chosen generalization: {}\nSuppressed records: {} of {}\nLoss {:.6}, discernibility {}, average class size {:.3}, non-uniform entropy {:.3}\n",
        levels.join(", "),
        a.suppressed,
        a.rows,
        a.metrics.loss,
        a.metrics.discernibility,
        a.metrics.average_class_size,
        a.metrics.non_uniform_entropy
    );
    if let Some(t) = &a.t_closeness {
        let _ = writeln!(
            human,
            "t-closeness ({} distance): t = {}, greatest distance of a kept class {:.6}",
            t.ground_distance.as_str(),
            t.t,
            t.max_distance
        );
    }
    let before = &outcome.risk_before;
    let _ = writeln!(
        human,
        "Before: k = {}, average prosecutor risk {:.6}, highest {:.6}",
        before.k_min, before.avg_prosecutor_risk, before.max_prosecutor_risk
    );
    if let Some(after) = &a.risk_after {
        let _ = writeln!(
            human,
            "After:  k = {}, average prosecutor risk {:.6}, highest {:.6}",
            after.k_min, after.avg_prosecutor_risk, after.max_prosecutor_risk
        );
    }
    if let Some(out) = &outcome.out {
        let _ = writeln!(human, "Wrote {out}");
    }
    let _ = write!(
        human,
        "Searched {} of {} lattice nodes in {:.1} ms",
        a.nodes_checked, a.nodes_total, outcome.elapsed_ms
    );
    Ok(Output::new(human, json))
}
