//! The unwrapped key set of an unlocked vault and the associated-data layouts that bind
//! every ciphertext to its place.

use crate::crypto::{self, subkey};
use crate::secret::Key;

/// The data key and the subkeys derived from it; wiped from memory on drop.
pub(crate) struct Keys {
    pub(crate) data: Key,
    pub(crate) content: Key,
    pub(crate) name_tag: Key,
    pub(crate) user_mac: Key,
    pub(crate) audit_mac: Key,
}

impl Keys {
    pub(crate) fn from_data_key(data: Key) -> Self {
        Self {
            content: subkey(&data, "content encryption"),
            name_tag: subkey(&data, "dataset name tag"),
            user_mac: subkey(&data, "user record mac"),
            audit_mac: subkey(&data, "audit anchor mac"),
            data,
        }
    }

    /// Encrypts content bound to `aad`.
    pub(crate) fn seal(&self, aad: &Aad, plaintext: &[u8]) -> Vec<u8> {
        crypto::seal(&self.content, aad.bytes(), plaintext)
    }

    /// Decrypts content sealed with the same `aad`; `None` if it was altered or moved.
    pub(crate) fn open(&self, aad: &Aad, sealed: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        crypto::open(&self.content, aad.bytes(), sealed)
    }

    /// Deterministic tag of a dataset name, for uniqueness and lookup without plaintext.
    pub(crate) fn name_tag(&self, name: &str) -> [u8; 32] {
        crypto::mac(&self.name_tag, name.as_bytes())
    }
}

/// Associated data: what a ciphertext is and where it belongs.
pub(crate) struct Aad(Vec<u8>);

impl Aad {
    fn new(workspace_id: &[u8; 16], purpose: &str) -> Self {
        let mut v = Vec::with_capacity(64);
        v.extend_from_slice(b"breakwater/v1/");
        v.extend_from_slice(purpose.as_bytes());
        v.push(0);
        v.extend_from_slice(workspace_id);
        Self(v)
    }

    /// The associated-data bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn with(mut self, n: i64) -> Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    /// Appends a length-prefixed string, so adjacent strings cannot be re-split.
    fn with_text(self, text: &str) -> Self {
        let mut aad = self.with(text.len() as i64);
        aad.0.extend_from_slice(text.as_bytes());
        aad
    }

    /// A user's wrapped data key, bound to the user id and name.
    pub(crate) fn wrapped_key(workspace_id: &[u8; 16], user_id: i64, user_name: &str) -> Self {
        let mut aad = Self::new(workspace_id, "wrapped-key").with(user_id);
        aad.0.extend_from_slice(user_name.as_bytes());
        aad
    }

    /// A dataset's encrypted name.
    pub(crate) fn dataset_name(workspace_id: &[u8; 16], dataset: i64) -> Self {
        Self::new(workspace_id, "dataset-name").with(dataset)
    }

    /// A version's encrypted schema (column names, types, row count).
    pub(crate) fn version_schema(workspace_id: &[u8; 16], dataset: i64, version: i64) -> Self {
        Self::new(workspace_id, "version-schema")
            .with(dataset)
            .with(version)
    }

    /// A saved risk report of a dataset version.
    pub(crate) fn risk_report(
        workspace_id: &[u8; 16],
        report: i64,
        dataset: i64,
        version: i64,
    ) -> Self {
        Self::new(workspace_id, "risk-report")
            .with(report)
            .with(dataset)
            .with(version)
    }

    /// A scan's sealed column classifications, bound to its dataset version.
    pub(crate) fn scan(workspace_id: &[u8; 16], scan: i64, dataset: i64, version: i64) -> Self {
        Self::new(workspace_id, "scan")
            .with(scan)
            .with(dataset)
            .with(version)
    }

    /// One finding of a scan, bound to its scan, dataset version, number, column and row
    /// (`-1` for a whole-column finding), so a row moved or edited anywhere fails to open.
    pub(crate) fn finding(
        workspace_id: &[u8; 16],
        scan: i64,
        dataset: i64,
        version: i64,
        finding: i64,
        column_idx: i64,
        row_idx: Option<i64>,
    ) -> Self {
        Self::new(workspace_id, "finding")
            .with(scan)
            .with(dataset)
            .with(version)
            .with(finding)
            .with(column_idx)
            .with(row_idx.unwrap_or(-1))
    }

    /// One review decision, bound to its id, finding, status, author and time, so a flipped
    /// status or a decision moved to another finding fails to open.
    pub(crate) fn decision(
        workspace_id: &[u8; 16],
        decision: i64,
        scan: i64,
        finding: i64,
        status: &str,
        decided_by: i64,
        decided_at: &str,
    ) -> Self {
        Self::new(workspace_id, "finding-decision")
            .with(decision)
            .with(scan)
            .with(finding)
            .with(decided_by)
            .with_text(status)
            .with_text(decided_at)
    }

    /// One column chunk, bound to its dataset, version, column, chunk index and cell count.
    pub(crate) fn chunk(
        workspace_id: &[u8; 16],
        dataset: i64,
        version: i64,
        column_idx: i64,
        chunk_idx: i64,
        n_cells: i64,
    ) -> Self {
        Self::new(workspace_id, "chunk")
            .with(dataset)
            .with(version)
            .with(column_idx)
            .with(chunk_idx)
            .with(n_cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_aad_differs_by_every_coordinate() {
        let ws = [1u8; 16];
        let base = Aad::chunk(&ws, 1, 1, 0, 0, 10).0;
        for other in [
            Aad::chunk(&[2u8; 16], 1, 1, 0, 0, 10),
            Aad::chunk(&ws, 2, 1, 0, 0, 10),
            Aad::chunk(&ws, 1, 2, 0, 0, 10),
            Aad::chunk(&ws, 1, 1, 1, 0, 10),
            Aad::chunk(&ws, 1, 1, 0, 1, 10),
            Aad::chunk(&ws, 1, 1, 0, 0, 11),
        ] {
            assert_ne!(base, other.0);
        }
    }

    #[test]
    fn finding_aad_differs_by_every_coordinate() {
        let ws = [1u8; 16];
        let base = Aad::finding(&ws, 1, 1, 1, 1, 0, None).0;
        for other in [
            Aad::finding(&ws, 2, 1, 1, 1, 0, None),
            Aad::finding(&ws, 1, 2, 1, 1, 0, None),
            Aad::finding(&ws, 1, 1, 2, 1, 0, None),
            Aad::finding(&ws, 1, 1, 1, 2, 0, None),
            Aad::finding(&ws, 1, 1, 1, 1, 1, None),
            Aad::finding(&ws, 1, 1, 1, 1, 0, Some(0)),
        ] {
            assert_ne!(base, other.0);
        }
        let decision = |status, at| Aad::decision(&ws, 1, 1, 1, status, 1, at).0;
        assert_ne!(decision("accepted", "t"), decision("rejected", "t"));
        assert_ne!(decision("accepted", "t1"), decision("accepted", "t2"));
    }

    #[test]
    fn subkeys_are_distinct() {
        let keys = Keys::from_data_key(Key([9u8; 32]));
        let all = [
            &keys.data,
            &keys.content,
            &keys.name_tag,
            &keys.user_mac,
            &keys.audit_mac,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.0, b.0);
            }
        }
    }
}
