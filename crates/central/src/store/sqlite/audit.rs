//! The audit log: kept in the database, read newest first.

use sqlx::Row;
use wire::AuditEntry;

use super::SqliteStore;
use crate::rules::{from_stored, to_stored};
use crate::store::{AuditQuery, AuditRecord, StoreError};

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl SqliteStore {
    pub(super) async fn audit_record(&self, entry: &AuditRecord) -> Result<(), StoreError> {
        let target = serde_json::to_string(&entry.target)
            .map_err(|e| StoreError::Corrupt(format!("audit target: {e}")))?;
        sqlx::query(
            "INSERT INTO audit_log
                 (at, token_id, token_label, role, action, route, target, summary, status)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(to_stored(entry.at))
        .bind(entry.token_id)
        .bind(&entry.token_label)
        .bind(&entry.role)
        .bind(&entry.action)
        .bind(&entry.route)
        .bind(target)
        .bind(&entry.summary)
        .bind(i64::from(entry.status))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub(super) async fn audit_read(
        &self,
        query: &AuditQuery,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, token_id, token_label, role, action, route, target, summary, status
             FROM audit_log
             WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR at >= ?2)
             ORDER BY id DESC LIMIT ?3",
        )
        .bind(query.before)
        .bind(query.since.map(to_stored))
        .bind(i64::from(query.limit))
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|row| {
                let target: String = row.get("target");
                Ok(AuditEntry {
                    id: row.get("id"),
                    at: rfc3339(from_stored(row.get("at"))),
                    token_id: row.get("token_id"),
                    token_label: row.get("token_label"),
                    role: row.get("role"),
                    action: row.get("action"),
                    route: row.get("route"),
                    target: serde_json::from_str(&target)
                        .map_err(|e| StoreError::Corrupt(format!("audit target: {e}")))?,
                    summary: row.get("summary"),
                    status: u16::try_from(row.get::<i64, _>("status")).unwrap_or_default(),
                })
            })
            .collect()
    }
}
