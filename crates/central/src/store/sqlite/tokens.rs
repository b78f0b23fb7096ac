//! Bearer tokens: made, listed, revoked and expired; and the short-lived memory of
//! token rows that every request's lookup goes through.

use std::time::Instant;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::{office_record, SqliteStore};
use crate::access::{new_token, token_hash, Role};
use crate::rules::{from_stored, to_stored};
use crate::store::{NewToken, StoreError, TokenGrant, TokenRecord, TokenTerms, TOKEN_FRESHNESS};

/// A token's last use is written when the one kept is at least this old: a busy
/// kiosk does not write on every request.
const LAST_USED_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// Columns [`record_from_row`] reads.
const TOKEN_COLUMNS: &str =
    "id, role, office, counter, label, created_at, last_used_at, expires_at, revoked_at";

/// What this process read of a token row, and when. Entries older than
/// [`TOKEN_FRESHNESS`] are read again, so a revocation made by another process on
/// the same database reaches this one within that time.
#[derive(Debug, Clone)]
pub(super) struct CachedToken {
    record: TokenRecord,
    read_at: Instant,
}

fn record_from_row(row: &SqliteRow) -> Result<TokenRecord, StoreError> {
    let office: Option<String> = row.get("office");
    let role = match (row.get::<String, _>("role").as_str(), office) {
        ("kiosk", Some(office)) => Role::Kiosk { office },
        ("staff", Some(office)) => Role::Staff {
            office,
            counter: row.get("counter"),
        },
        ("admin", _) => Role::Admin,
        (other, _) => return Err(StoreError::Corrupt(format!("token role {other:?}"))),
    };
    let time = |column: &str| {
        row.get::<Option<String>, _>(column)
            .map(|t| from_stored(&t))
    };
    Ok(TokenRecord {
        id: row
            .get::<Option<i64>, _>("id")
            .ok_or_else(|| StoreError::Corrupt("a token without an id".into()))?,
        role,
        label: row.get("label"),
        created_at: from_stored(row.get("created_at")),
        last_used_at: time("last_used_at"),
        expires_at: time("expires_at"),
        revoked_at: time("revoked_at"),
    })
}

impl SqliteStore {
    pub(super) async fn tokens_create(
        &self,
        role: &Role,
        terms: &TokenTerms,
        now: DateTime<Utc>,
    ) -> Result<NewToken, StoreError> {
        let (office, counter) = match role {
            Role::Kiosk { office } => (Some(office.clone()), None),
            Role::Staff { office, counter } => (Some(office.clone()), counter.clone()),
            Role::Admin => (None, None),
        };
        let mut tx = self.begin_write().await?;
        if let Some(office) = &office {
            office_record(&mut *tx, office).await?;
        }
        if let Some(counter) = &counter {
            let owner: Option<String> =
                sqlx::query_scalar("SELECT office FROM counters WHERE id = ?")
                    .bind(counter)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner.as_deref() != office.as_deref() {
                return Err(StoreError::UnknownCounter(counter.clone()));
            }
        }
        let secret = new_token(role);
        let inserted = sqlx::query(
            "INSERT INTO tokens (hash, role, office, counter, created_at, label, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(token_hash(&secret))
        .bind(role.name())
        .bind(&office)
        .bind(&counter)
        .bind(to_stored(now))
        .bind(&terms.label)
        .bind(terms.expires_at.map(to_stored))
        .execute(&mut *tx)
        .await?;
        // The id is the rowid, as the fleet's kiosk ids always were, kept in its own
        // column; random secrets never feed it.
        let id = inserted.last_insert_rowid();
        sqlx::query("UPDATE tokens SET id = ? WHERE rowid = ?")
            .bind(id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(NewToken { id, secret })
    }

    pub(super) async fn tokens_lookup(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenGrant>, StoreError> {
        let fresh = self.tokens.read().ok().and_then(|cache| {
            cache
                .get(hash)
                .filter(|c| c.read_at.elapsed() < TOKEN_FRESHNESS)
                .map(|c| c.record.clone())
        });
        let mut record = match fresh {
            Some(record) => record,
            None => {
                let row = sqlx::query(&format!(
                    "SELECT {TOKEN_COLUMNS} FROM tokens WHERE hash = ?"
                ))
                .bind(hash)
                .fetch_optional(&self.reader)
                .await?;
                let Some(row) = row else {
                    if let Ok(mut cache) = self.tokens.write() {
                        cache.remove(hash);
                    }
                    return Ok(None);
                };
                let mut record = record_from_row(&row)?;
                if let Ok(mut cache) = self.tokens.write() {
                    // A use this process noted may not be written yet: keep the later one.
                    if let Some(old) = cache.get(hash) {
                        record.last_used_at = record.last_used_at.max(old.record.last_used_at);
                    }
                    cache.insert(
                        hash.to_owned(),
                        CachedToken {
                            record: record.clone(),
                            read_at: Instant::now(),
                        },
                    );
                }
                record
            }
        };
        // Revocation counts whatever the clocks say: the central's clock may be set
        // apart from the one of the command that revoked.
        if record.revoked_at.is_some() || record.expires_at.is_some_and(|at| at <= now) {
            return Ok(None);
        }
        if record
            .last_used_at
            .is_none_or(|at| now - at >= LAST_USED_EVERY)
        {
            record.last_used_at = Some(now);
            if let Ok(mut cache) = self.tokens.write() {
                if let Some(cached) = cache.get_mut(hash) {
                    cached.record.last_used_at = Some(now);
                }
            }
            self.note_token_use(record.id, now);
        }
        Ok(Some(TokenGrant {
            id: record.id,
            label: record.label,
            role: record.role,
        }))
    }

    /// Writes a token's last use in the background: a request does not wait for it,
    /// and a failure costs only the time shown in the token list.
    fn note_token_use(&self, id: i64, now: DateTime<Utc>) {
        let writer = self.writer.clone();
        tokio::spawn(async move {
            // Another process may have written a use within the minute: keep it.
            let written = sqlx::query(
                "UPDATE tokens SET last_used_at = ?
                 WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
            )
            .bind(to_stored(now))
            .bind(id)
            .bind(to_stored(now - LAST_USED_EVERY))
            .execute(&writer)
            .await;
            if let Err(error) = written {
                tracing::warn!(token_id = id, %error, "could not note the token's last use");
            }
        });
    }

    pub(super) async fn tokens_list(&self) -> Result<Vec<TokenRecord>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {TOKEN_COLUMNS} FROM tokens ORDER BY id"))
            .fetch_all(&self.reader)
            .await?;
        rows.iter().map(record_from_row).collect()
    }

    pub(super) async fn tokens_revoke(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<TokenRecord, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .bind(to_stored(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query(&format!("SELECT {TOKEN_COLUMNS} FROM tokens WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::UnknownToken(id))?;
        tx.commit().await?;
        // This process forgets it at once; others within TOKEN_FRESHNESS.
        if let Ok(mut cache) = self.tokens.write() {
            cache.retain(|_, cached| cached.record.id != id);
        }
        record_from_row(&row)
    }
}
