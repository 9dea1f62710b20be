//! Secret-holding newtypes: passphrases and keys that zeroize on drop and never print.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// A user's passphrase. Its `Debug` prints `[redacted]`; its memory is wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase typed by a user.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The passphrase bytes, for key derivation only.
    pub(crate) fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// True if both passphrases are the same text (for "type it twice" prompts).
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.0 == other.0
    }

    /// Number of characters, for strength checks.
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([redacted])")
    }
}

/// A 256-bit symmetric key. Its `Debug` prints `[redacted]`; its memory is wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Key(pub(crate) [u8; 32]);

impl Key {
    /// A fresh random key from the operating system's generator.
    pub(crate) fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        Self(bytes)
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_secrets() {
        let p = Passphrase::new("correct horse battery staple");
        assert!(!format!("{p:?}").contains("horse"));
        let k = Key([7u8; 32]);
        assert_eq!(format!("{k:?}"), "Key([redacted])");
    }
}
