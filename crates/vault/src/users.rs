//! Users, their roles, and the per-user wrapping of the data key under a passphrase-derived key.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::crypto::{self, derive_kek, KdfParams};
use crate::keys::{Aad, Keys};
use crate::secret::{Key, Passphrase};
use crate::Error;

/// Shortest passphrase accepted for a new user or a change.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// What a user may do; see CLI.md's role table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users; raw export.
    Admin,
    /// Imports, views and analyses datasets.
    Analyst,
    /// Approves plans and signs sign-offs.
    Approver,
    /// Reads the audit trail.
    Auditor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Analyst, Role::Approver, Role::Auditor];

    /// The lowercase name used in the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of admin, analyst, approver, auditor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role (use admin, analyst, approver or auditor)")]
pub struct UnknownRole;

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or(UnknownRole)
    }
}

/// A non-empty set of roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    /// Every role: what the first user of a workspace gets.
    pub fn all() -> Self {
        Self(Role::ALL.into_iter().collect())
    }

    /// A set from a list; `None` when the list is empty.
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Option<Self> {
        let set: BTreeSet<Role> = roles.into_iter().collect();
        (!set.is_empty()).then_some(Self(set))
    }

    /// True if the set holds `role`.
    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// The roles in display order.
    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    fn to_stored(&self) -> String {
        self.iter().map(Role::as_str).collect::<Vec<_>>().join(",")
    }

    fn from_stored(s: &str) -> Option<Self> {
        Self::new(
            s.split(',')
                .map(Role::from_str)
                .collect::<Result<Vec<_>, _>>()
                .ok()?,
        )
    }
}

/// A workspace user as stored (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    #[serde(skip)]
    pub id: i64,
    /// Login name.
    #[serde(rename = "user")]
    pub name: String,
    /// What the user may do.
    pub roles: Roles,
}

/// Checks a login name: 1–64 of letters, digits, `.`, `_`, `-`.
pub fn validate_user_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    ok.then_some(()).ok_or(Error::InvalidUserName)
}

/// Checks a new passphrase's length.
pub fn validate_passphrase(passphrase: &Passphrase) -> Result<(), Error> {
    (passphrase.char_count() >= MIN_PASSPHRASE_CHARS)
        .then_some(())
        .ok_or(Error::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        })
}

struct UserRow {
    user: User,
    roles_text: String,
    salt: Vec<u8>,
    kdf_params: String,
    wrapped: Vec<u8>,
    row_mac: Vec<u8>,
}

impl UserRow {
    fn mac_message(&self) -> Vec<u8> {
        mac_message(
            self.user.id,
            &self.user.name,
            &self.roles_text,
            &self.salt,
            &self.kdf_params,
            &self.wrapped,
        )
    }
}

fn mac_message(
    id: i64,
    name: &str,
    roles: &str,
    salt: &[u8],
    kdf: &str,
    wrapped: &[u8],
) -> Vec<u8> {
    let mut m = b"breakwater/v1/user".to_vec();
    m.extend_from_slice(&id.to_le_bytes());
    for part in [
        name.as_bytes(),
        roles.as_bytes(),
        salt,
        kdf.as_bytes(),
        wrapped,
    ] {
        m.extend_from_slice(&(part.len() as u64).to_le_bytes());
        m.extend_from_slice(part);
    }
    m
}

fn load_row(conn: &Connection, name: &str) -> Result<Option<UserRow>, Error> {
    let row = conn
        .query_row(
            "SELECT id, name, roles, kdf_salt, kdf_params, wrapped_key, row_mac FROM users WHERE name = ?1",
            [name],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Vec<u8>>(5)?,
                    r.get::<_, Vec<u8>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((id, name, roles_text, salt, kdf_params, wrapped, row_mac)) = row else {
        return Ok(None);
    };
    let roles = Roles::from_stored(&roles_text).ok_or_else(|| Error::Tampered {
        what: format!("user {id}'s roles"),
    })?;
    Ok(Some(UserRow {
        user: User { id, name, roles },
        roles_text,
        salt,
        kdf_params,
        wrapped,
        row_mac,
    }))
}

/// Inserts a user whose passphrase wraps `data_key`.
pub(crate) fn insert(
    conn: &Connection,
    workspace_id: &[u8; 16],
    keys: &Keys,
    name: &str,
    roles: &Roles,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> Result<User, Error> {
    validate_user_name(name)?;
    validate_passphrase(passphrase)?;
    if load_row(conn, name)?.is_some() {
        return Err(Error::UserExists);
    }
    let id: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM users", [], |r| {
        r.get(0)
    })?;
    let (salt, kdf_text, wrapped) = wrap(workspace_id, keys, id, name, passphrase, kdf)?;
    let roles_text = roles.to_stored();
    let tag = crypto::mac(
        &keys.user_mac,
        &mac_message(id, name, &roles_text, &salt, &kdf_text, &wrapped),
    );
    conn.execute(
        "INSERT INTO users(id, name, roles, kdf_salt, kdf_params, wrapped_key, created_at, row_mac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            name,
            roles_text,
            salt,
            kdf_text,
            wrapped,
            crate::audit::now(),
            &tag[..]
        ],
    )?;
    Ok(User {
        id,
        name: name.to_string(),
        roles: roles.clone(),
    })
}

fn wrap(
    workspace_id: &[u8; 16],
    keys: &Keys,
    id: i64,
    name: &str,
    passphrase: &Passphrase,
    kdf: KdfParams,
) -> Result<(Vec<u8>, String, Vec<u8>), Error> {
    let salt = crypto::random_bytes::<16>().to_vec();
    let kek = derive_kek(passphrase, &salt, kdf)?;
    let wrapped = crypto::seal(
        &kek,
        Aad::wrapped_key(workspace_id, id, name).bytes(),
        &keys.data.0,
    );
    // Invariant: KdfParams is three integers; serializing cannot fail.
    let kdf_text = serde_json::to_string(&kdf).expect("KdfParams serializes");
    Ok((salt, kdf_text, wrapped))
}

/// Unwraps the data key with a user's passphrase and checks the user's record.
pub(crate) fn unlock(
    conn: &Connection,
    workspace_id: &[u8; 16],
    name: &str,
    passphrase: &Passphrase,
) -> Result<(User, Keys), Error> {
    let Some(row) = load_row(conn, name)? else {
        // Spend the same effort as a real unlock so timing does not reveal which names exist.
        let _ = derive_kek(passphrase, &[0u8; 16], KdfParams::default());
        return Err(Error::UnknownUser);
    };
    let kdf: KdfParams = serde_json::from_str(&row.kdf_params)
        .ok()
        .filter(KdfParams::is_plausible)
        .ok_or_else(|| Error::Tampered {
            what: format!("user {}'s key parameters", row.user.id),
        })?;
    let kek = derive_kek(passphrase, &row.salt, kdf)?;
    let aad = Aad::wrapped_key(workspace_id, row.user.id, &row.user.name);
    let data = crypto::open(&kek, aad.bytes(), &row.wrapped).ok_or(Error::WrongPassphrase)?;
    let data: &[u8; 32] = data.as_slice().try_into().map_err(|_| Error::Tampered {
        what: format!("user {}'s wrapped key", row.user.id),
    })?;
    let keys = Keys::from_data_key(Key(*data));
    if !crypto::verify_mac(&keys.user_mac, &row.mac_message(), &row.row_mac) {
        return Err(Error::Tampered {
            what: format!("user {}'s record", row.user.id),
        });
    }
    Ok((row.user, keys))
}

/// Re-wraps the data key under a new passphrase for `user`.
pub(crate) fn change_passphrase(
    conn: &Connection,
    workspace_id: &[u8; 16],
    keys: &Keys,
    user: &User,
    new_passphrase: &Passphrase,
    kdf: KdfParams,
) -> Result<(), Error> {
    validate_passphrase(new_passphrase)?;
    let (salt, kdf_text, wrapped) =
        wrap(workspace_id, keys, user.id, &user.name, new_passphrase, kdf)?;
    let roles_text = user.roles.to_stored();
    let tag = crypto::mac(
        &keys.user_mac,
        &mac_message(user.id, &user.name, &roles_text, &salt, &kdf_text, &wrapped),
    );
    conn.execute(
        "UPDATE users SET kdf_salt = ?1, kdf_params = ?2, wrapped_key = ?3, row_mac = ?4 WHERE id = ?5",
        params![salt, kdf_text, wrapped, &tag[..], user.id],
    )?;
    Ok(())
}

/// Every user, by name; each record's MAC is checked.
pub(crate) fn list(conn: &Connection, keys: &Keys) -> Result<Vec<User>, Error> {
    let mut stmt = conn.prepare("SELECT name FROM users ORDER BY name")?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    names
        .iter()
        .map(|name| {
            // Invariant: the name was just read from the table inside the same connection.
            let row = load_row(conn, name)?.ok_or_else(|| Error::Tampered {
                what: "the user table".into(),
            })?;
            if !crypto::verify_mac(&keys.user_mac, &row.mac_message(), &row.row_mac) {
                return Err(Error::Tampered {
                    what: format!("user {}'s record", row.user.id),
                });
            }
            Ok(row.user)
        })
        .collect()
}

/// A user's name by id (for "imported by").
pub(crate) fn name_of(conn: &Connection, id: i64) -> Result<String, Error> {
    Ok(conn
        .query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| format!("user {id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_storage() {
        let r = Roles::new([Role::Auditor, Role::Analyst]).unwrap();
        assert_eq!(r.to_stored(), "analyst,auditor");
        assert_eq!(Roles::from_stored("analyst,auditor"), Some(r));
        assert_eq!(Roles::from_stored("analyst,root"), None);
        assert_eq!(Roles::new([]), None);
    }

    #[test]
    fn user_names_are_checked() {
        assert!(validate_user_name("dana.lee").is_ok());
        assert!(validate_user_name("").is_err());
        assert!(validate_user_name("a b").is_err());
        assert!(validate_user_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert!(validate_passphrase(&Passphrase::new("short")).is_err());
        assert!(validate_passphrase(&Passphrase::new("long enough passphrase")).is_ok());
    }
}
