//! The PHI commands: `detect` (a text file, streamed, no workspace), `scan` (a dataset
//! version, audited) and `findings` (list, accept, reject). Output for people or JSON.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{json, Value};
use workstation::{
    Decision, FindingFilter, FindingStatus, Kind, ReviewRequest, ScanProgress, ScanStage,
    Selection, StreamSpan, StreamSummary, VersionInfo, Workstation,
};

use crate::args::{DetectArgs, FindingsArgs, FindingsCommand, ReviewArgs, ScanArgs};
use crate::commands::Output;
use crate::failure::Failure;

/// One span as `detect --json` prints it. Serialized straight to the writer, so `f32`
/// confidences print as their shortest decimal (0.9, not 0.8999999761581421).
#[derive(Serialize)]
struct SpanJson<'a> {
    start: u64,
    end: u64,
    kind: Kind,
    text: &'a str,
    confidence: f32,
    rule: &'a str,
}

/// Writes spans to stdout as they arrive, so memory stays bounded whatever the file's size.
/// The JSON object is opened at the first span (or at the end), so an error found before any
/// span leaves stdout empty.
struct SpanWriter<W: Write> {
    out: W,
    is_json: bool,
    n_written: u64,
    is_started: bool,
    error: Option<std::io::Error>,
}

impl<W: Write> SpanWriter<W> {
    fn start(&mut self) -> std::io::Result<()> {
        if !self.is_started {
            self.is_started = true;
            if self.is_json {
                self.out.write_all(b"{\"spans\":[")?;
            } else {
                writeln!(self.out, "start\tend\tkind\tconfidence\trule\ttext")?;
            }
        }
        Ok(())
    }

    fn span(&mut self, span: &StreamSpan) {
        if self.error.is_some() {
            return;
        }
        let result = self.start().and_then(|()| {
            if self.is_json {
                if self.n_written > 0 {
                    self.out.write_all(b",")?;
                }
                let out = SpanJson {
                    start: span.start,
                    end: span.end,
                    kind: span.kind,
                    text: &span.text,
                    confidence: span.confidence,
                    rule: span.rule,
                };
                serde_json::to_writer(&mut self.out, &out).map_err(std::io::Error::other)
            } else {
                writeln!(
                    self.out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    span.start,
                    span.end,
                    span.kind,
                    span.confidence,
                    span.rule,
                    span.text.escape_debug()
                )
            }
        });
        self.n_written += 1;
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    /// Closes the output: with the totals when the scan succeeded, else (when the JSON
    /// object is open) with the error, so stdout still holds exactly one JSON object.
    fn finish(&mut self, outcome: Result<&StreamSummary, &Failure>) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match outcome {
            Ok(summary) => {
                self.start()?;
                if self.is_json {
                    write!(self.out, "],\"summary\":{}}}", summary_json(summary))?;
                    writeln!(self.out)?;
                } else {
                    writeln!(self.out, "{}", summary_text(summary))?;
                }
            }
            Err(failure) if self.is_started && self.is_json => {
                write!(self.out, "],\"error\":{}}}", json!(failure.message))?;
                writeln!(self.out)?;
            }
            Err(_) => {}
        }
        self.out.flush()
    }
}

/// `{"bytes", "spans", "by_kind"}`; `by_kind` holds only the kinds found.
fn summary_json(summary: &StreamSummary) -> Value {
    let by_kind: serde_json::Map<String, Value> = summary
        .by_kind
        .iter()
        .map(|(kind, n)| (kind.as_str().to_string(), json!(n)))
        .collect();
    json!({ "bytes": summary.bytes, "spans": summary.spans, "by_kind": by_kind })
}

fn summary_text(summary: &StreamSummary) -> String {
    let mut text = format!("{} spans in {} bytes", summary.spans, summary.bytes);
    for (kind, n) in &summary.by_kind {
        let _ = write!(text, "\n  {:<12} {n}", kind.as_str());
    }
    text
}

/// `breakwater detect --text-file PATH [--summary]`. Without `--summary` the spans are
/// streamed to stdout as they are found; errors name the path and byte offsets only.
pub fn detect(args: &DetectArgs, is_json: bool) -> Result<Output, Failure> {
    if args.summary {
        let summary = workstation::detect_text_file(&args.text_file, &mut |_| {})?;
        return Ok(Output::new(summary_text(&summary), summary_json(&summary)));
    }
    let stdout = std::io::stdout();
    let mut writer = SpanWriter {
        out: std::io::BufWriter::new(stdout.lock()),
        is_json,
        n_written: 0,
        is_started: false,
        error: None,
    };
    let outcome = workstation::detect_text_file(&args.text_file, &mut |span| writer.span(&span))
        .map_err(Failure::from);
    let written = writer.finish(outcome.as_ref());
    outcome?;
    written.map_err(|e| {
        Failure::error(
            format!("cannot write the spans to standard output: {e}"),
            "check where the output goes (a closed pipe or a full disk)",
        )
    })?;
    Ok(Output::printed())
}

fn stage_text(stage: ScanStage) -> &'static str {
    match stage {
        ScanStage::Reading => "reading",
        ScanStage::Detecting => "detecting",
        ScanStage::Storing => "storing",
    }
}

fn optional_kind(kind: Option<Kind>) -> &'static str {
    kind.map_or("-", Kind::as_str)
}

/// `breakwater scan DATASET [--version N]`.
pub fn scan(ws: &mut Workstation, args: &ScanArgs) -> Result<Output, Failure> {
    let id = ws.resolve(&args.dataset)?;
    let started = Instant::now();
    let is_terminal = std::io::stderr().is_terminal();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let outcome = ws.scan_dataset(id, args.version, &mut |p: ScanProgress| {
        // Quick scans show nothing; a bar appears once one takes more than a second.
        if is_terminal && bar.is_none() && started.elapsed() > Duration::from_secs(1) {
            let b = indicatif::ProgressBar::new(p.columns as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} columns {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar = Some(b);
        }
        if let Some(b) = &bar {
            b.set_position(p.columns_done as u64);
            b.set_message(stage_text(p.stage));
        }
        true
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let s = outcome?;
    let mut human = format!(
        "Scanned dataset {} version {} (scan {}): {} findings\n",
        s.dataset, s.version, s.scan, s.n_findings
    );
    let _ = writeln!(
        human,
        "{:>4}  {:<28} {:<10} {:<12} {:>10} {:>9}  evidence",
        "#", "column", "class", "kind", "confidence", "findings"
    );
    for c in &s.columns {
        let _ = writeln!(
            human,
            "{:>4}  {:<28} {:<10} {:<12} {:>10.2} {:>9}  {}",
            c.column + 1,
            c.name,
            c.class.as_str(),
            optional_kind(c.kind),
            c.confidence,
            c.n_findings,
            c.evidence
        );
    }
    let columns: Vec<Value> = s
        .columns
        .iter()
        .map(|c| {
            json!({
                "column": c.name,
                "index": c.column,
                "kind": c.kind,
                "class": c.class,
                "confidence": c.confidence,
                "evidence": c.evidence,
                "sampled": c.sampled,
                "n_findings": c.n_findings,
            })
        })
        .collect();
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({
            "dataset": s.dataset,
            "version": s.version,
            "scan": s.scan,
            "created_at": s.created_at,
            "n_findings": s.n_findings,
            "by_kind": s.by_kind,
            "columns": columns,
        }),
    ))
}

/// A column given by exact name, else by number from 1. The error does not repeat the text.
fn column_index(info: &VersionInfo, given: &str) -> Result<usize, Failure> {
    if let Some(idx) = info.columns.iter().position(|c| c.name == given) {
        return Ok(idx);
    }
    match given.trim().parse::<usize>() {
        Ok(n) if (1..=info.columns.len()).contains(&n) => Ok(n - 1),
        _ => Err(Failure::error(
            format!(
                "dataset {} has no column of that name or number (it has {} columns)",
                info.dataset,
                info.columns.len()
            ),
            "give a column name exactly as in the header, or its number from 1",
        )),
    }
}

/// `breakwater findings ...`: lists, or hands over to accept/reject.
pub fn findings(ws: &mut Workstation, args: &FindingsArgs) -> Result<Output, Failure> {
    match &args.review {
        Some(FindingsCommand::Accept(review)) => return decide(ws, review, Decision::Accepted),
        Some(FindingsCommand::Reject(review)) => return decide(ws, review, Decision::Rejected),
        None => {}
    }
    let Some(dataset) = &args.dataset else {
        return Err(Failure::usage(
            "no dataset given",
            "breakwater findings DATASET, or breakwater findings accept|reject DATASET ...",
        ));
    };
    let kinds = args
        .kind
        .iter()
        .map(|k| k.parse::<Kind>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::usage(e.to_string(), "for example --kind NAME,SSN"))?;
    let status = args
        .status
        .as_deref()
        .map(str::parse::<FindingStatus>)
        .transpose()
        .map_err(|e| Failure::usage(e.to_string(), "for example --status pending"))?;
    let info = ws.dataset_info(dataset, args.version)?;
    let column = args
        .column
        .as_deref()
        .map(|c| column_index(&info, c))
        .transpose()?;
    let filter = FindingFilter {
        column,
        kinds,
        status,
        min_confidence: args.min_confidence,
        rows: None,
        offset: args.offset,
        limit: args.limit,
    };
    let page = ws.findings(info.dataset, Some(info.version), &filter)?;
    let name = |idx: usize| info.columns.get(idx).map_or("", |c| c.name.as_str());
    let mut human = format!(
        "Dataset {} version {} (scan {}): {} matching findings\n",
        page.dataset, page.version, page.scan, page.total
    );
    let _ = writeln!(
        human,
        "{:>7}  {:<24} {:>8} {:>13}  {:<12} {:>10}  {:<9} rule",
        "finding", "column", "row", "chars", "kind", "confidence", "status"
    );
    for f in &page.findings {
        let (row, chars) = match (f.row, f.start, f.end) {
            (Some(row), Some(start), Some(end)) => (row.to_string(), format!("{start}-{end}")),
            _ => ("all".to_string(), "whole cell".to_string()),
        };
        let _ = writeln!(
            human,
            "{:>7}  {:<24} {:>8} {:>13}  {:<12} {:>10.2}  {:<9} {}",
            f.finding,
            name(f.column),
            row,
            chars,
            f.kind.as_str(),
            f.confidence,
            f.status.as_str(),
            f.rule
        );
    }
    let list: Vec<Value> = page
        .findings
        .iter()
        .map(|f| {
            json!({
                "finding": f.finding,
                "column": name(f.column),
                "column_index": f.column,
                "row": f.row,
                "start": f.start,
                "end": f.end,
                "kind": f.kind,
                "confidence": f.confidence,
                "rule": f.rule,
                "status": f.status,
            })
        })
        .collect();
    Ok(Output::new(
        human.trim_end().to_string(),
        json!({
            "dataset": page.dataset,
            "version": page.version,
            "scan": page.scan,
            "total": page.total,
            "offset": page.offset,
            "findings": list,
        }),
    ))
}

/// `breakwater findings accept|reject DATASET (FINDING...|--column C|--all) [--reason T]`.
fn decide(ws: &mut Workstation, args: &ReviewArgs, decision: Decision) -> Result<Output, Failure> {
    let info = ws.dataset_info(&args.dataset, args.version)?;
    let selection = match (&args.column, args.all) {
        (_, true) => Selection::All,
        (Some(column), false) => Selection::Column(column_index(&info, column)?),
        (None, false) => Selection::Ids(args.findings.clone()),
    };
    let request = ReviewRequest {
        selection,
        decision,
        reason: args.reason.clone(),
        scan: args.scan,
    };
    let out = ws.review_findings(info.dataset, Some(info.version), &request)?;
    let verb = match decision {
        Decision::Accepted => "Accepted",
        Decision::Rejected => "Rejected",
    };
    Ok(Output::new(
        format!(
            "{verb} {} findings of dataset {} version {} (scan {})",
            out.n_findings, out.dataset, out.version, out.scan
        ),
        json!({
            "dataset": out.dataset,
            "version": out.version,
            "scan": out.scan,
            "status": out.status,
            "n_findings": out.n_findings,
            "findings": out.findings,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: u64, text: &str) -> StreamSpan {
        StreamSpan {
            start,
            end: start + text.chars().count() as u64,
            kind: Kind::Email,
            confidence: 0.9,
            rule: "email",
            text: text.to_string(),
        }
    }

    fn writer(is_json: bool) -> SpanWriter<Vec<u8>> {
        SpanWriter {
            out: Vec::new(),
            is_json,
            n_written: 0,
            is_started: false,
            error: None,
        }
    }

    #[test]
    fn streamed_json_is_one_object_with_every_span_and_the_totals() {
        let mut w = writer(true);
        w.span(&span(0, "a@b.org"));
        w.span(&span(10, "c\"d@e.org"));
        let summary = StreamSummary {
            bytes: 30,
            spans: 2,
            by_kind: [(Kind::Email, 2)].into_iter().collect(),
        };
        w.finish(Ok(&summary)).unwrap();
        let v: Value = serde_json::from_slice(&w.out).unwrap();
        assert_eq!(v["spans"][1]["text"], "c\"d@e.org");
        assert_eq!(v["spans"][0]["confidence"].to_string(), "0.9");
        assert_eq!(v["summary"]["by_kind"], json!({"EMAIL": 2}));
    }

    #[test]
    fn an_error_after_spans_still_closes_the_object_and_before_them_prints_nothing() {
        let failure = Failure::error("the file is binary", "x");
        let mut w = writer(true);
        w.span(&span(0, "a@b.org"));
        w.finish(Err(&failure)).unwrap();
        let v: Value = serde_json::from_slice(&w.out).unwrap();
        assert_eq!(v["error"], "the file is binary");
        let mut w = writer(true);
        w.finish(Err(&failure)).unwrap();
        assert!(w.out.is_empty());
    }

    #[test]
    fn human_lines_keep_one_span_per_line() {
        let mut w = writer(false);
        w.span(&span(0, "a\tb\nc"));
        w.finish(Ok(&StreamSummary::default())).unwrap();
        let text = String::from_utf8(w.out).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.contains("a\\tb\\nc"));
    }
}
