//! The maintenance PIN: the rules a new one follows, its Argon2 hash as the profile keeps
//! it, and the check of a typed PIN against that hash. The profile reads the hash; the
//! maintenance screen's gate checks PINs with it.

use std::fmt;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params};

/// The profile setting holding the PIN's hash.
pub const PIN_HASH_SETTING: &str = "maintenance_pin_hash";
/// Fewest digits of a PIN.
pub const MIN_PIN_DIGITS: usize = 6;
/// Most digits of a PIN: what the screen's keypad takes.
pub const MAX_PIN_DIGITS: usize = 12;
/// Most memory an Argon2 hash may ask for, in KiB: a profile must not make a PIN check
/// take the kiosk's memory.
const MAX_MEMORY_KIB: u32 = 256 * 1024;

/// An Argon2 hash of the maintenance PIN, in PHC form (`$argon2id$v=19$m=…`). Can only be
/// built from a hash the kiosk can check a PIN against.
#[derive(Clone, PartialEq, Eq)]
pub struct PinHash(String);

impl fmt::Debug for PinHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not secret, but of no use in a log either.
        f.write_str("PinHash(..)")
    }
}

impl PinHash {
    /// Checks a PHC string: an Argon2 hash with its salt, output and workable parameters.
    pub fn parse(text: &str) -> Result<Self, String> {
        let example = "make one with `kiosk maintenance hash-pin`";
        let hash = PasswordHash::new(text.trim())
            .map_err(|e| format!("is not a PHC hash string ({e}); {example}"))?;
        Algorithm::try_from(hash.algorithm)
            .map_err(|_| format!("is a {} hash, not Argon2; {example}", hash.algorithm))?;
        let params = Params::try_from(&hash)
            .map_err(|e| format!("has unusable Argon2 parameters ({e}); {example}"))?;
        if params.m_cost() > MAX_MEMORY_KIB {
            return Err(format!(
                "asks for {} MiB of memory per check; at most {} MiB; {example}",
                params.m_cost() / 1024,
                MAX_MEMORY_KIB / 1024
            ));
        }
        if hash.salt.is_none() || hash.hash.is_none() {
            return Err(format!("has no salt or no hash output; {example}"));
        }
        Ok(Self(text.trim().to_owned()))
    }

    /// The optional profile setting: absent is `None`; present, it must be a valid hash.
    pub fn from_setting(value: Option<&toml::Value>) -> Result<Option<Self>, String> {
        match value {
            None => Ok(None),
            Some(toml::Value::String(text)) => Self::parse(text).map(Some),
            Some(_) => {
                Err("must be text: the PHC string printed by `kiosk maintenance hash-pin`".into())
            }
        }
    }

    /// Whether `pin` is the PIN this hash was made from. Takes a noticeable fraction of a
    /// second by design: call it off the async threads.
    pub fn matches(&self, pin: &str) -> bool {
        PasswordHash::new(&self.0).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &hash)
                .is_ok()
        })
    }

    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a PIN cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinRuleError {
    /// Something other than digits.
    #[error("a maintenance PIN is digits only (0-9), typed on the screen's keypad")]
    NotDigits,
    /// Too short to resist guessing.
    #[error("a maintenance PIN has at least {MIN_PIN_DIGITS} digits")]
    TooShort,
    /// Longer than the keypad takes.
    #[error("a maintenance PIN has at most {MAX_PIN_DIGITS} digits")]
    TooLong,
}

/// Checks the rules a new PIN must follow.
pub fn check_pin_rules(pin: &str) -> Result<(), PinRuleError> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        Err(PinRuleError::NotDigits)
    } else if pin.len() < MIN_PIN_DIGITS {
        Err(PinRuleError::TooShort)
    } else if pin.len() > MAX_PIN_DIGITS {
        Err(PinRuleError::TooLong)
    } else {
        Ok(())
    }
}

/// Hashes a new PIN (Argon2id, default parameters, a random salt) for the profile.
pub fn hash_pin(pin: &str) -> Result<PinHash, PinRuleError> {
    check_pin_rules(pin)?;
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .expect("Argon2 with default parameters hashes any PIN")
        .to_string();
    Ok(PinHash(hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_pin_follows_the_rules_and_its_hash_checks_it() {
        assert_eq!(hash_pin("12345"), Err(PinRuleError::TooShort));
        assert_eq!(hash_pin("12a456"), Err(PinRuleError::NotDigits));
        assert_eq!(hash_pin("123 456"), Err(PinRuleError::NotDigits));
        assert_eq!(hash_pin("١٢٣٤٥٦"), Err(PinRuleError::NotDigits));
        assert_eq!(hash_pin("1234567890123"), Err(PinRuleError::TooLong));
        assert!(PinRuleError::TooShort
            .to_string()
            .contains("at least 6 digits"));

        let hash = hash_pin("246810").unwrap();
        assert!(hash.as_str().starts_with("$argon2id$v=19$"));
        assert_eq!(PinHash::parse(hash.as_str()), Ok(hash.clone()));
        assert!(hash.matches("246810"));
        assert!(!hash.matches("246811"));
        assert!(!hash.matches(""));
        assert_ne!(
            hash_pin("246810").unwrap(),
            hash,
            "each hash has its own salt"
        );
    }

    #[test]
    fn only_a_usable_argon2_hash_is_accepted() {
        let refused = |text: &str| PinHash::parse(text).unwrap_err();
        assert!(refused("246810").contains("not a PHC hash string"));
        assert!(
            refused("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo").contains("not Argon2")
        );
        assert!(
            refused("$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
                .contains("MiB")
        );
        assert!(refused("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ").contains("no hash output"));
        assert!(PinHash::from_setting(Some(&toml::Value::Integer(246810)))
            .unwrap_err()
            .contains("must be text"));
        assert_eq!(PinHash::from_setting(None), Ok(None));
        let quick = PinHash::parse("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
            .unwrap();
        assert!(!format!("{quick:?}").contains("argon2"));
    }
}
