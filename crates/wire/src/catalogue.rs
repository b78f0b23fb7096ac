use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use crate::LocalizedText;

/// Everything an office handles: its service groups (queues) and procedures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Catalogue {
    /// Office the catalogue belongs to.
    pub office: String,
    /// Queues of the office; each procedure is served by one.
    pub service_groups: Vec<ServiceGroup>,
    /// Administrative procedures (TTHC) handled at the office.
    pub procedures: Vec<Procedure>,
}

/// Answer of `GET /offices/{office}/catalogue`: the catalogue's fields, and the
/// public pages that go with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct CatalogueAnswer {
    /// The catalogue, its fields at the top level of the answer.
    #[serde(flatten)]
    pub catalogue: Catalogue,
    /// Public address of the office's checklist page of a procedure, for a visitor's
    /// phone, with `{code}` standing for the procedure code; a `case` query parameter
    /// (0-based index into `dossier`) narrows it to one case. Absent from older servers.
    #[serde(default)]
    pub checklist_url: Option<String>,
}

/// A queue served by a set of counters, e.g. "Hộ tịch" with ticket prefix `A`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ServiceGroup {
    /// Identifier, also the ticket number's prefix (`A` gives `A-001`).
    pub id: String,
    /// Name of the queue.
    pub name: LocalizedText,
}

/// An administrative procedure as recorded in the national TTHC database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Procedure {
    /// National TTHC code, e.g. `1.001193`.
    pub code: String,
    /// Procedure name.
    pub name: LocalizedText,
    /// Field ("lĩnh vực"), e.g. Hộ tịch.
    pub field: LocalizedText,
    /// Agency that carries it out.
    pub agency: String,
    /// Service group (queue) that serves it at this office.
    pub service_group: String,
    /// How far it can be done online.
    pub online_level: OnlineLevel,
    /// Page of the procedure on the public service portal.
    pub portal_url: String,
    /// Processing time and fee per channel.
    pub channels: Vec<Channel>,
    /// Dossier components, grouped by the case they apply to.
    pub dossier: Vec<DossierCase>,
    /// Whether the result can be delivered by the public postal service ("dịch vụ
    /// bưu chính công ích"); `null` when the record does not say.
    #[serde(default)]
    pub result_by_post: Option<bool>,
    /// Words people use for it ("giấy khai sinh", "sổ đỏ").
    pub keywords: Vec<String>,
    /// Facts of this record not confirmed from an official source.
    pub unsure: Vec<String>,
}

/// Online level under Decree 42/2022/NĐ-CP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình: fully online, no visit needed.
    Full,
    /// Một phần: originals still brought to the office.
    Partial,
    /// Not available online.
    None,
}

/// Way of filing a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// Trực tiếp: at the office.
    Direct,
    /// Trực tuyến: on the public service portal.
    Online,
    /// Dịch vụ bưu chính: through the public postal service.
    Postal,
}

/// Processing time and fee of a procedure through one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Channel {
    /// Which channel.
    pub kind: ChannelKind,
    /// Processing time as worded in the record, e.g. "Trong ngày".
    pub processing_time: LocalizedText,
    /// Fee in VND when fixed; `null` when it varies (see `fee_note`).
    pub fee_vnd: Option<u32>,
    /// Fee as worded in the record, e.g. "Miễn lệ phí".
    pub fee_note: LocalizedText,
}

/// Components of a dossier for one case ("Trường hợp ...", or "Bao gồm").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct DossierCase {
    /// The case, e.g. "Bao gồm" when there is only one.
    pub case: LocalizedText,
    /// Documents to bring in that case.
    pub components: Vec<DossierComponent>,
}

/// One document of a dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct DossierComponent {
    /// Document name.
    pub name: LocalizedText,
    /// Number of originals ("Bản chính").
    pub originals: u8,
    /// Number of copies ("Bản sao").
    pub copies: u8,
    /// Form (template) name, if there is one.
    pub form: Option<String>,
}

/// Answer of `GET /offices/{office}/most-taken`: the procedures the office issued the most
/// queue numbers for over its last `days` local days (today included), most first,
/// counted from the tickets themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct MostTaken {
    /// Office.
    pub office: String,
    /// Local days counted, today included.
    pub days: u32,
    /// First local day counted, `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub from: String,
    /// Last local day counted (the office's today), `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub to: String,
    /// Procedures of the office's catalogue with at least one number in those days, the
    /// most taken first; ties in catalogue order. At most the `limit` asked for.
    pub procedures: Vec<TakenProcedure>,
}

/// One procedure of [`MostTaken`] and how many numbers were taken for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct TakenProcedure {
    /// National TTHC code, e.g. `1.001193`.
    pub code: String,
    /// Queue numbers taken for it (check-ins included) in the days counted.
    pub tickets: u32,
}
