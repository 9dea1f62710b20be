//! End to end through the real app: tauri-driver + WebKitWebDriver drive the built
//! `breakwater-app` under Xvfb. Creates a workspace, imports the demo CSV through the import
//! panel, sees its rows in the grid, scans it for PHI and accepts a finding on the review screen,
//! sees the quasi-identifiers pre-filled from the scan, assesses the risk, runs the
//! anonymization search and saves a report, sees the import, the scan, the review and the
//! anonymization in the audit trail, and verifies the chain.
//! Screenshots are saved in `artifacts/e2e/` at the repository root.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let candidate = home.join(".cargo/bin/tauri-driver");
    if candidate.is_file() {
        candidate
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Stops tauri-driver with SIGTERM so it also stops WebKitWebDriver.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

fn start_driver() -> Driver {
    let child = Command::new(tauri_driver())
        .args([
            "--port",
            &DRIVER_PORT.to_string(),
            "--native-port",
            &NATIVE_PORT.to_string(),
        ])
        .spawn()
        .expect("tauri-driver is installed (scripts/install-system-deps installs it)");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    for port in [DRIVER_PORT, NATIVE_PORT] {
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    driver
}

struct Shots {
    dir: PathBuf,
    n: u32,
}

impl Shots {
    async fn take(&mut self, c: &Client, name: &str) {
        self.n += 1;
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(self.dir.join(format!("{:02}-{name}.png", self.n)), png).unwrap();
    }
}

/// Saves what the window showed when a step failed, next to the other screenshots.
async fn save_failure_screenshot(c: &Client) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(repo_root().join("artifacts/e2e/failure.png"), png);
    }
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(el) => el,
        Err(e) => {
            save_failure_screenshot(c).await;
            panic!("element {css} did not appear: {e}")
        }
    }
}

/// Waits up to `timeout` for `css`, for slow steps (a scan); fails at once when the
/// `error_css` alert shows an error meanwhile.
async fn wait_for_unless(
    c: &Client,
    css: &str,
    error_css: &str,
    timeout: Duration,
) -> fantoccini::elements::Element {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            return el;
        }
        if let Ok(alert) = c.find(Locator::Css(error_css)).await {
            let text = alert.text().await.unwrap_or_default();
            if !text.trim().is_empty() {
                save_failure_screenshot(c).await;
                panic!("{error_css} showed an error while waiting for {css}: {text}");
            }
        }
        if Instant::now() >= deadline {
            save_failure_screenshot(c).await;
            panic!("element {css} did not appear within {timeout:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn wait_for_text(c: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(text) = el.text().await {
                if text.contains(needle) {
                    return text;
                }
            }
        }
        if Instant::now() >= deadline {
            save_failure_screenshot(c).await;
            panic!("{css} never contained {needle:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_into(c: &Client, css: &str, text: &str) {
    let el = wait_for(c, css).await;
    // Focus first: leaving the previous field may pre-fill this one (the dataset name).
    el.click().await.unwrap();
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn create_workspace_import_view_and_audit() {
    let app = PathBuf::from(env!("CARGO_BIN_EXE_breakwater-app"));
    let workspace = tempfile::tempdir().unwrap();
    let workspace_dir = workspace.path().join("ws");
    let demo_csv = repo_root().join("assets/demo/clinic_visits.csv");
    let mut shots = Shots {
        dir: repo_root().join("artifacts/e2e"),
        n: 0,
    };
    std::fs::create_dir_all(&shots.dir).unwrap();

    let _driver = start_driver();
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app, "args": ["--workspace", workspace_dir] }),
    );
    let c = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
        .await
        .expect("WebDriver session with the app");

    // Create the workspace.
    wait_for(&c, "#passphrase-confirm").await;
    shots.take(&c, "create-workspace").await;
    type_into(&c, "#user", "ana").await;
    type_into(&c, "#passphrase", "e2e test passphrase").await;
    type_into(&c, "#passphrase-confirm", "e2e test passphrase").await;
    wait_for(&c, "#create-workspace")
        .await
        .click()
        .await
        .unwrap();

    // Import the demo CSV through the import panel (typing the path; the native dialog is not driven).
    wait_for(&c, "#dataset-empty").await;
    shots.take(&c, "datasets-empty").await;
    type_into(&c, "#import-path", demo_csv.to_str().unwrap()).await;
    type_into(&c, "#import-name", "clinic_visits").await;
    wait_for(&c, "#import-start").await.click().await.unwrap();
    let status = wait_for_text(&c, "#import-status", "Imported").await;
    assert!(status.contains("3,000 rows"), "{status}");
    let name_cell = wait_for(&c, "#dataset-list tr[data-dataset-id] td.dataset-name").await;
    assert_eq!(name_cell.text().await.unwrap(), "clinic_visits");
    shots.take(&c, "datasets-imported").await;

    // Open it: the grid shows the first rows as imported.
    name_cell.click().await.unwrap();
    wait_for(&c, "#grid").await;
    wait_for(&c, "#grid .grid-cell[title='V000001']").await;
    wait_for(&c, "#grid .grid-cell[title='MRN-4605465']").await;
    wait_for_text(&c, "#dataset-shape", "3,000").await;
    shots.take(&c, "dataset-grid").await;

    // PHI review: the version was never scanned; scan it, see the columns classified, accept a finding.
    wait_for(&c, "#open-review").await.click().await.unwrap();
    wait_for(&c, "#review-not-scanned").await;
    let scan_start = wait_for(&c, "#scan-start").await;
    assert_eq!(scan_start.text().await.unwrap(), "Scan for PHI");
    scan_start.click().await.unwrap();
    // The scan runs on a worker thread: the list shows once it is stored and its first page is read.
    wait_for_unless(
        &c,
        "#finding-list tr.finding-row",
        "#scan-error",
        Duration::from_secs(60),
    )
    .await;
    wait_for_text(&c, "#scan-message", "Scan complete").await;
    let rows = c
        .find_all(Locator::Css("#finding-list tr.finding-row"))
        .await
        .unwrap();
    assert!(!rows.is_empty(), "the findings list is empty");
    // Direct-identifier columns carry their kind's chip; the demo has names, SSNs and emails.
    wait_for(&c, "#column-list .column-item").await;
    let mut direct = Vec::new();
    for item in c
        .find_all(Locator::Css("#column-list .column-item"))
        .await
        .unwrap()
    {
        // Other classes show a plain chip (`phi-chip-plain`); only direct columns show a kind's.
        if let Ok(chip) = item
            .find(Locator::Css(".phi-chip:not(.phi-chip-plain)"))
            .await
        {
            let name = item
                .find(Locator::Css(".column-name"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            direct.push((name, chip.text().await.unwrap().trim().to_string()));
        }
    }
    assert!(
        direct
            .iter()
            .any(|(_, kind)| ["SSN", "EMAIL", "NAME"].contains(&kind.as_str())),
        "no SSN, EMAIL or NAME among the direct-identifier columns: {direct:?}"
    );
    // Select the first finding (a click on its place, not its buttons): the viewer shows its cell.
    let first = rows[0]
        .attr("data-finding")
        .await
        .unwrap()
        .expect("finding rows carry data-finding");
    let row_css = format!("#finding-list tr.finding-row[data-finding='{first}']");
    wait_for(&c, &format!("{row_css} .finding-place"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&c, &format!("{row_css}.finding-row-selected")).await;
    wait_for(&c, "#text-viewer").await;
    // Accept it: the status line says so and its status chip turns to accepted.
    wait_for(&c, &format!("{row_css} button[data-action='accept']"))
        .await
        .click()
        .await
        .unwrap();
    wait_for_text(&c, "#review-decided", "Accepted 1 finding").await;
    let chip = wait_for(&c, &format!("{row_css} .status-chip.status-accepted")).await;
    assert_eq!(chip.text().await.unwrap(), "Accepted");
    shots.take(&c, "review").await;
    wait_for(&c, "#review-back").await.click().await.unwrap();

    // Risk: the quasi-identifiers come pre-filled from the PHI scan; figures and charts come
    // from Rust; the anonymization search runs with progress; save a report.
    wait_for(&c, "#open-risk").await.click().await.unwrap();
    wait_for_text(&c, "#qi-prefill-hint", "Pre-filled from the PHI scan").await;
    for column in ["sex", "race", "zip"] {
        let checkbox = wait_for(&c, &format!("#qi-list input[data-column='{column}']")).await;
        assert!(
            checkbox.is_selected().await.unwrap(),
            "{column} is pre-filled as a quasi-identifier"
        );
    }
    let patient_name = wait_for(&c, "#qi-list input[data-column='patient_name']").await;
    assert!(
        !patient_name.is_selected().await.unwrap(),
        "a direct identifier is never pre-filled"
    );
    wait_for(&c, "#risk-figures [data-figure='k_min']").await;
    wait_for(&c, "#chart-class-sizes svg").await;
    wait_for(&c, "#chart-risk svg").await;
    shots.take(&c, "risk").await;
    type_into(&c, "#risk-reason", "e2e check").await;
    wait_for(&c, "#risk-save").await.click().await.unwrap();
    wait_for_text(&c, "#risk-saved", "report 1").await;
    wait_for(&c, "#anonymize-run").await.click().await.unwrap();
    wait_for_unless(
        &c,
        "#anonymize-result #anonymize-levels",
        "#anonymize-error",
        Duration::from_secs(90),
    )
    .await;
    wait_for(&c, "#chart-before-after svg").await;
    // The chosen levels go back into the per-column level controls; figures follow them.
    wait_for(&c, "#anonymize-use-levels")
        .await
        .click()
        .await
        .unwrap();
    wait_for(&c, "#risk-figures [data-figure='k_min']").await;
    shots.take(&c, "anonymize").await;

    // The audit trail shows the import, the view, the scan, the review and the risk assessments,
    // and the chain verifies.
    wait_for(&c, "#nav-audit").await.click().await.unwrap();
    wait_for(&c, "li.audit-event[data-action='import']").await;
    wait_for(&c, "li.audit-event[data-action='view']").await;
    wait_for(&c, "li.audit-event[data-action='risk']").await;
    wait_for(&c, "li.audit-event[data-action='anonymize']").await;
    wait_for(&c, "li.audit-event[data-action='scan']").await;
    wait_for(&c, "li.audit-event[data-action='findings_review']").await;
    wait_for(&c, "#verify-audit").await.click().await.unwrap();
    let verdict = wait_for_text(&c, "#verify-result", "intact").await;
    assert!(verdict.contains("events"), "{verdict}");
    shots.take(&c, "audit-verified").await;

    // Lock returns to the unlock screen.
    wait_for(&c, "#lock").await.click().await.unwrap();
    wait_for(&c, "#unlock").await;
    shots.take(&c, "locked").await;

    c.close().await.unwrap();
}
