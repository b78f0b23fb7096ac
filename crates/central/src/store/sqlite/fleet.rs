//! Profiles, their versions, and the kiosks reporting to the central.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite};

use super::{SqliteStore, Tx};
use crate::rules::{from_stored, to_stored};
use crate::store::{KioskRecord, KioskReport, StoreError, StoredProfile};

/// Columns of a profile version joined with its profile, as [`profile_from_row`] reads them.
const PROFILE_COLUMNS: &str =
    "p.id, p.name, v.version, v.document, v.office, v.created_at AS updated_at";

fn profile_from_row(row: &SqliteRow) -> StoredProfile {
    StoredProfile {
        id: row.get("id"),
        name: row.get("name"),
        version: row.get::<i64, _>("version").clamp(0, u32::MAX.into()) as u32,
        document: row.get("document"),
        office: row.get("office"),
        updated_at: from_stored(row.get("updated_at")),
    }
}

/// Columns of a kiosk token joined with its kiosk row and assigned profile.
const KIOSK_QUERY: &str = "SELECT t.rowid AS id, t.office, k.name, k.app_version,
        k.profile, p.name AS profile_name,
        (SELECT MAX(version) FROM profile_versions v WHERE v.profile = k.profile) AS profile_latest,
        k.profile_id, k.profile_version, k.printer, k.last_error, k.uptime_seconds,
        k.last_heartbeat,
        (SELECT l.locked_until FROM check_in_locks l WHERE l.token_hash = t.hash)
            AS check_in_locked_until
     FROM tokens t
     LEFT JOIN kiosks k ON k.token_hash = t.hash
     LEFT JOIN profiles p ON p.id = k.profile
     WHERE t.role = 'kiosk'";

fn kiosk_from_row(row: &SqliteRow) -> KioskRecord {
    let version = |column: &str| {
        row.get::<Option<i64>, _>(column)
            .map(|v| v.clamp(0, u32::MAX.into()) as u32)
    };
    let assigned = match (
        row.get::<Option<i64>, _>("profile"),
        row.get::<Option<String>, _>("profile_name"),
        version("profile_latest"),
    ) {
        (Some(id), Some(name), Some(latest)) => Some((id, name, latest)),
        _ => None,
    };
    let report = row
        .get::<Option<String>, _>("printer")
        .map(|printer| KioskReport {
            app_version: row
                .get::<Option<String>, _>("app_version")
                .unwrap_or_default(),
            profile_id: row.get("profile_id"),
            profile_version: version("profile_version"),
            printer,
            last_error: row.get("last_error"),
            uptime_seconds: row
                .get::<Option<i64>, _>("uptime_seconds")
                .unwrap_or(0)
                .max(0) as u64,
        });
    KioskRecord {
        id: row.get("id"),
        office: row.get::<Option<String>, _>("office").unwrap_or_default(),
        name: row.get("name"),
        last_heartbeat: row
            .get::<Option<String>, _>("last_heartbeat")
            .map(|t| from_stored(&t)),
        assigned,
        report,
        check_in_locked_until: row
            .get::<Option<String>, _>("check_in_locked_until")
            .map(|t| from_stored(&t)),
    }
}

async fn latest<'e, E>(executor: E, id: i64) -> Result<Option<StoredProfile>, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(&format!(
        "SELECT {PROFILE_COLUMNS} FROM profiles p JOIN profile_versions v ON v.profile = p.id
         WHERE p.id = ? ORDER BY v.version DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await?;
    Ok(row.as_ref().map(profile_from_row))
}

async fn kiosk<'e, E>(executor: E, id: i64) -> Result<KioskRecord, StoreError>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row = sqlx::query(&format!("{KIOSK_QUERY} AND t.rowid = ?"))
        .bind(id)
        .fetch_optional(executor)
        .await?
        .ok_or(StoreError::UnknownKiosk(id))?;
    Ok(kiosk_from_row(&row))
}

/// The kiosk id (token rowid) and office of a kiosk token.
async fn kiosk_token(tx: &mut Tx, token_hash: &str) -> Result<(i64, String), StoreError> {
    let row = sqlx::query(
        "SELECT rowid AS id, office FROM tokens WHERE hash = ? AND role = 'kiosk' AND office IS NOT NULL",
    )
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| StoreError::Corrupt("a kiosk token without its row".into()))?;
    Ok((row.get("id"), row.get("office")))
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

impl SqliteStore {
    pub(super) async fn fleet_create_profile(
        &self,
        name: &str,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError> {
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query("INSERT INTO profiles (name, created_at) VALUES (?, ?)")
            .bind(name)
            .bind(to_stored(now))
            .execute(&mut *tx)
            .await;
        let id = match inserted {
            Ok(done) => done.last_insert_rowid(),
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::ProfileNameTaken(name.to_owned()))
            }
            Err(e) => return Err(e.into()),
        };
        insert_version(&mut tx, id, 1, document, office, now).await?;
        let profile = latest(&mut *tx, id).await?;
        tx.commit().await?;
        profile.ok_or(StoreError::UnknownProfile(id))
    }

    pub(super) async fn fleet_profiles(&self) -> Result<Vec<StoredProfile>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {PROFILE_COLUMNS} FROM profiles p JOIN profile_versions v ON v.profile = p.id
             WHERE v.version = (SELECT MAX(version) FROM profile_versions w WHERE w.profile = p.id)
             ORDER BY p.name, p.id"
        ))
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.iter().map(profile_from_row).collect())
    }

    pub(super) async fn fleet_profile(
        &self,
        id: i64,
        version: Option<u32>,
    ) -> Result<StoredProfile, StoreError> {
        let Some(version) = version else {
            return latest(&self.reader, id)
                .await?
                .ok_or(StoreError::UnknownProfile(id));
        };
        let row = sqlx::query(&format!(
            "SELECT {PROFILE_COLUMNS} FROM profiles p JOIN profile_versions v ON v.profile = p.id
             WHERE p.id = ? AND v.version = ?"
        ))
        .bind(id)
        .bind(i64::from(version))
        .fetch_optional(&self.reader)
        .await?;
        match row {
            Some(row) => Ok(profile_from_row(&row)),
            None if latest(&self.reader, id).await?.is_some() => {
                Err(StoreError::UnknownProfileVersion { id, version })
            }
            None => Err(StoreError::UnknownProfile(id)),
        }
    }

    pub(super) async fn fleet_update_profile(
        &self,
        id: i64,
        base_version: u32,
        document: &str,
        office: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProfile, StoreError> {
        // One write transaction: two editors saving from the same version cannot both win.
        let mut tx = self.begin_write().await?;
        let current = latest(&mut *tx, id)
            .await?
            .ok_or(StoreError::UnknownProfile(id))?;
        if base_version < current.version {
            return Err(StoreError::StaleProfileVersion {
                base: base_version,
                latest: current.version,
            });
        }
        if base_version > current.version {
            return Err(StoreError::FutureProfileVersion {
                base: base_version,
                latest: current.version,
            });
        }
        let elsewhere = sqlx::query(
            "SELECT k.id, t.office FROM kiosks k JOIN tokens t ON t.hash = k.token_hash
             WHERE k.profile = ? AND t.office IS NOT ? ORDER BY k.id LIMIT 1",
        )
        .bind(id)
        .bind(office)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = elsewhere {
            return Err(StoreError::ProfileOfficeMismatch {
                kiosk: row.get("id"),
                kiosk_office: row.get::<Option<String>, _>("office").unwrap_or_default(),
                profile_office: office.to_owned(),
            });
        }
        insert_version(&mut tx, id, current.version + 1, document, office, now).await?;
        let profile = latest(&mut *tx, id).await?;
        tx.commit().await?;
        profile.ok_or(StoreError::UnknownProfile(id))
    }

    pub(super) async fn fleet_assign_profile(
        &self,
        kiosk_id: i64,
        profile: Option<i64>,
    ) -> Result<KioskRecord, StoreError> {
        let mut tx = self.begin_write().await?;
        let token = sqlx::query(
            "SELECT hash, office FROM tokens WHERE rowid = ? AND role = 'kiosk' AND office IS NOT NULL",
        )
        .bind(kiosk_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::UnknownKiosk(kiosk_id))?;
        let hash: String = token.get("hash");
        let kiosk_office: String = token.get("office");
        if let Some(profile_id) = profile {
            let latest = latest(&mut *tx, profile_id)
                .await?
                .ok_or(StoreError::UnknownProfile(profile_id))?;
            if latest.office != kiosk_office {
                return Err(StoreError::ProfileOfficeMismatch {
                    kiosk: kiosk_id,
                    kiosk_office,
                    profile_office: latest.office,
                });
            }
        }
        sqlx::query(
            "INSERT INTO kiosks (id, token_hash, profile) VALUES (?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET profile = excluded.profile",
        )
        .bind(kiosk_id)
        .bind(&hash)
        .bind(profile)
        .execute(&mut *tx)
        .await?;
        let record = kiosk(&mut *tx, kiosk_id).await?;
        tx.commit().await?;
        Ok(record)
    }

    pub(super) async fn fleet_register_kiosk(
        &self,
        token_hash: &str,
        name: &str,
        app_version: &str,
        now: DateTime<Utc>,
    ) -> Result<(KioskRecord, Option<StoredProfile>), StoreError> {
        let mut tx = self.begin_write().await?;
        let (id, _office) = kiosk_token(&mut tx, token_hash).await?;
        sqlx::query(
            "INSERT INTO kiosks (id, token_hash, name, app_version, last_heartbeat)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 app_version = excluded.app_version, last_heartbeat = excluded.last_heartbeat",
        )
        .bind(id)
        .bind(token_hash)
        .bind(name)
        .bind(app_version)
        .bind(to_stored(now))
        .execute(&mut *tx)
        .await?;
        let record = kiosk(&mut *tx, id).await?;
        let profile = match &record.assigned {
            Some((profile_id, _, _)) => latest(&mut *tx, *profile_id).await?,
            None => None,
        };
        tx.commit().await?;
        Ok((record, profile))
    }

    pub(super) async fn fleet_heartbeat(
        &self,
        token_hash: &str,
        report: &KioskReport,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredProfile>, StoreError> {
        let mut tx = self.begin_write().await?;
        let (id, _office) = kiosk_token(&mut tx, token_hash).await?;
        sqlx::query(
            "INSERT INTO kiosks (id, token_hash, app_version, profile_id, profile_version, printer,
                                 last_error, uptime_seconds, last_heartbeat)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET app_version = excluded.app_version,
                 profile_id = excluded.profile_id, profile_version = excluded.profile_version,
                 printer = excluded.printer, last_error = excluded.last_error,
                 uptime_seconds = excluded.uptime_seconds, last_heartbeat = excluded.last_heartbeat",
        )
        .bind(id)
        .bind(token_hash)
        .bind(&report.app_version)
        .bind(report.profile_id)
        .bind(report.profile_version.map(i64::from))
        .bind(&report.printer)
        .bind(&report.last_error)
        .bind(i64::try_from(report.uptime_seconds).unwrap_or(i64::MAX))
        .bind(to_stored(now))
        .execute(&mut *tx)
        .await?;
        let assigned: Option<i64> = sqlx::query_scalar("SELECT profile FROM kiosks WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
        let profile = match assigned {
            Some(profile_id) => latest(&mut *tx, profile_id).await?,
            None => None,
        };
        tx.commit().await?;
        Ok(profile)
    }

    pub(super) async fn fleet_kiosks(&self) -> Result<Vec<KioskRecord>, StoreError> {
        let rows = sqlx::query(&format!("{KIOSK_QUERY} ORDER BY t.office, t.rowid"))
            .fetch_all(&self.reader)
            .await?;
        Ok(rows.iter().map(kiosk_from_row).collect())
    }
}

async fn insert_version(
    tx: &mut Tx,
    id: i64,
    version: u32,
    document: &str,
    office: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO profile_versions (profile, version, document, office, created_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(i64::from(version))
    .bind(document)
    .bind(office)
    .bind(to_stored(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
