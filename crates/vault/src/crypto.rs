//! AES-256-GCM sealing with associated data, key derivation (Argon2id) and subkeys (HKDF).

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::secret::{Key, Passphrase};
use crate::Error;

const NONCE_BYTES: usize = 12;

/// Argon2id cost parameters, stored per user so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory cost in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Degree of parallelism.
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: the floor DESIGN.md sets for passphrase-derived keys.
    fn default() -> Self {
        Self {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// True for parameters this build would ever set (≤ 4 GiB, ≤ 64 passes, ≤ 16 lanes); stored
    /// values outside that are treated as tampering rather than tried.
    pub fn is_plausible(&self) -> bool {
        (8..=4 * 1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
    }

    /// Cheap parameters for tests that unlock many times; never used by the shells.
    pub fn insecure_for_tests() -> Self {
        Self {
            memory_kib: 256,
            iterations: 1,
            parallelism: 1,
        }
    }
}

/// Derives the key-encryption key from a passphrase and a per-user salt.
pub(crate) fn derive_kek(
    passphrase: &Passphrase,
    salt: &[u8],
    params: KdfParams,
) -> Result<Key, Error> {
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(32),
    )
    .map_err(|_| Error::BadKdfParams)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut out = Key([0u8; 32]);
    argon
        .hash_password_into(passphrase.expose(), salt, &mut out.0)
        .map_err(|_| Error::BadKdfParams)?;
    Ok(out)
}

/// Encrypts `plaintext` bound to `aad`; output is nonce ‖ ciphertext ‖ tag.
pub(crate) fn seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new((&key.0).into());
    let mut nonce = [0u8; NONCE_BYTES];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
    // Invariant: AES-GCM encryption fails only for plaintexts over 64 GiB; chunks are far smaller.
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("AES-GCM plaintext below 64 GiB");
    let mut sealed = Vec::with_capacity(NONCE_BYTES + ciphertext.len());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Decrypts what [`seal`] produced with the same key and `aad`; `None` if anything differs.
pub(crate) fn open(key: &Key, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < NONCE_BYTES {
        return None;
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
    let cipher = Aes256Gcm::new((&key.0).into());
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Derives a purpose-specific subkey of the data key.
pub(crate) fn subkey(data_key: &Key, purpose: &str) -> Key {
    let hk = Hkdf::<Sha256>::new(Some(b"breakwater vault v1"), &data_key.0);
    let mut out = Key([0u8; 32]);
    // Invariant: 32 bytes is far below HKDF-SHA256's 8160-byte output limit.
    hk.expand(purpose.as_bytes(), &mut out.0)
        .expect("HKDF output of 32 bytes");
    out
}

/// HMAC-SHA256 of `message` under `key`.
pub(crate) fn mac(key: &Key, message: &[u8]) -> [u8; 32] {
    // Invariant: HMAC accepts keys of any length.
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key length");
    m.update(message);
    m.finalize().into_bytes().into()
}

/// Constant-time check of an HMAC-SHA256 tag.
pub(crate) fn verify_mac(key: &Key, message: &[u8], tag: &[u8]) -> bool {
    // Invariant: HMAC accepts keys of any length.
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key length");
    m.update(message);
    m.verify_slice(tag).is_ok()
}

/// Random bytes from the operating system's generator.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip() {
        let key = Key::random();
        let sealed = seal(&key, b"aad", b"hello");
        assert_eq!(open(&key, b"aad", &sealed).unwrap().as_slice(), b"hello");
    }

    #[test]
    fn open_rejects_other_aad_key_or_flipped_byte() {
        let key = Key::random();
        let sealed = seal(&key, b"aad", b"hello");
        assert!(open(&key, b"other", &sealed).is_none());
        assert!(open(&Key::random(), b"aad", &sealed).is_none());
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(open(&key, b"aad", &bad).is_none(), "flip at {i} accepted");
        }
        assert!(open(&key, b"aad", &sealed[..5]).is_none());
    }

    #[test]
    fn kek_depends_on_passphrase_and_salt() {
        let p = KdfParams::insecure_for_tests();
        let a = derive_kek(&Passphrase::new("one"), b"salt-salt-salt-1", p).unwrap();
        let b = derive_kek(&Passphrase::new("two"), b"salt-salt-salt-1", p).unwrap();
        let c = derive_kek(&Passphrase::new("one"), b"salt-salt-salt-2", p).unwrap();
        let a2 = derive_kek(&Passphrase::new("one"), b"salt-salt-salt-1", p).unwrap();
        assert_eq!(a.0, a2.0);
        assert_ne!(a.0, b.0);
        assert_ne!(a.0, c.0);
    }

    #[test]
    fn mac_verifies_only_its_message() {
        let key = Key::random();
        let tag = mac(&key, b"m");
        assert!(verify_mac(&key, b"m", &tag));
        assert!(!verify_mac(&key, b"n", &tag));
    }
}
