//! In-memory state of one emulated Wazper: organizations, API keys and their credits, synced
//! users, and the colleague entries ("ToBeInvited" rows). Pure logic, no HTTP: handlers call in
//! with validated input and get back values or documented API errors.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{json, Value};

use crate::clock::{user_id_for, Clock, IdGen, Millis};
use crate::error::ApiError;
use crate::messages;
use crate::seed::{Company, Organization, Seed};

/// At most this many entries come back from colleagues-list.
pub const LIST_LIMIT: usize = 50;

/// One colleague entry, serialized with exactly the 16 documented fields.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Colleague {
    pub id: String,
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    pub status: String,
    pub created_at: Millis,
    pub company_name: String,
    pub website: Option<String>,
    pub invite_link: String,
    pub redirection_link: String,
    pub photo: Option<String>,
    pub team: Option<i64>,
    pub waz_client_id: String,
    pub to_be_invited_by_id: String,
    pub latest_action: Millis,
    pub updated_at: Millis,
    /// Insertion order: the stable tie-break of the list sort.
    #[serde(skip)]
    seq: u64,
}

impl Colleague {
    /// The entry as the client sees it: a photo stored as a path on the emulator becomes an
    /// absolute URL on `origin` (the scheme and host the client called).
    pub fn view(&self, origin: &str) -> Colleague {
        let mut c = self.clone();
        if let Some(p) = &c.photo {
            if p.starts_with('/') {
                c.photo = Some(format!("{origin}{p}"));
            }
        }
        c
    }
}

/// Validated input of colleagues-create (and of entries created by a sync run).
#[derive(Clone, Debug, Default)]
pub struct NewColleague {
    pub name: String,
    pub email: String,
    pub company_name: String,
    pub to_be_invited_by_id: String,
    pub job_title: Option<String>,
    pub website: Option<String>,
    pub team: Option<i64>,
    pub invite_link: Option<String>,
    pub redirection_link: Option<String>,
    pub photo: Option<String>,
    pub status: Option<String>,
}

/// A user as last synced.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    pub email: String,
    pub country: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub name: Option<String>,
    pub job_title: Option<String>,
    pub invite_link: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What one background run of the algorithm did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    pub organization: String,
    pub email: String,
    pub domain: String,
    /// Colleagues found in the directory (the user excluded).
    pub found: usize,
    /// Entries created (found minus those the user already had).
    pub created: usize,
    pub credit_spent: bool,
    /// Why nothing ran, if so: "waz_disabled".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub struct KeyState {
    pub organization: Option<String>,
    pub credits: i64,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncCounters {
    /// user-sync requests answered 202.
    pub accepted: u64,
    /// Accepted, but no run: the email is personal or has no domain.
    pub skipped: u64,
    /// Runs scheduled and not finished yet.
    pub pending: u64,
    /// Runs finished.
    pub completed: u64,
}

#[derive(Debug)]
pub struct Store {
    /// Bumped by every reset so background runs started before it are discarded.
    pub generation: u64,
    orgs: HashMap<String, Organization>,
    keys: BTreeMap<String, KeyState>,
    directory: HashMap<String, Company>,
    colleagues: Vec<Colleague>,
    users: BTreeMap<(String, String), User>,
    pub syncs: SyncCounters,
    runs: Vec<RunRecord>,
    clock: Clock,
    ids: IdGen,
    next_seq: u64,
}

/// Case-insensitive comparison key of an email.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    pub fn from_seed(seed: &Seed, generation: u64) -> Store {
        Store {
            generation,
            orgs: seed
                .organizations
                .iter()
                .map(|o| (o.id.clone(), o.clone()))
                .collect(),
            keys: seed
                .api_keys
                .iter()
                .map(|k| {
                    (
                        k.key.clone(),
                        KeyState {
                            organization: k.organization.clone(),
                            credits: k.credits,
                        },
                    )
                })
                .collect(),
            directory: seed
                .directory
                .iter()
                .map(|c| (c.domain.trim().to_lowercase(), c.clone()))
                .collect(),
            colleagues: Vec::new(),
            users: BTreeMap::new(),
            syncs: SyncCounters::default(),
            runs: Vec::new(),
            clock: Clock::default(),
            ids: IdGen::new(),
            next_seq: 0,
        }
    }

    pub fn key(&self, key: &str) -> Option<&KeyState> {
        self.keys.get(key)
    }

    pub fn org(&self, id: &str) -> Option<&Organization> {
        self.orgs.get(id)
    }

    /// Sets a key's credits (control API); false when the key is unknown.
    pub fn set_credits(&mut self, key: &str, credits: i64) -> bool {
        match self.keys.get_mut(key) {
            Some(k) => {
                k.credits = credits;
                true
            }
            None => false,
        }
    }

    pub fn next_request_id(&mut self) -> String {
        self.ids.next("req_")
    }

    /// True when the org already has a live (non-deleted) entry with this email for this inviter.
    fn duplicate(&self, org: &str, inviter: &str, email: &str, except_id: Option<&str>) -> bool {
        let (inviter, email) = (email_key(inviter), email_key(email));
        self.colleagues.iter().any(|c| {
            c.waz_client_id == org
                && c.status != "deleted"
                && Some(c.id.as_str()) != except_id
                && email_key(&c.to_be_invited_by_id) == inviter
                && email_key(&c.email) == email
        })
    }

    fn insert(&mut self, org: &Organization, input: NewColleague) -> Colleague {
        let now = self.clock.tick();
        self.next_seq += 1;
        let c = Colleague {
            id: self.ids.next("tbi_"),
            name: input.name,
            email: input.email,
            job_title: input.job_title,
            status: input.status.unwrap_or_else(|| "pending".into()),
            created_at: now,
            company_name: input.company_name,
            website: input.website,
            invite_link: input.invite_link.unwrap_or_else(|| org.invite_link.clone()),
            redirection_link: input
                .redirection_link
                .unwrap_or_else(|| org.redirection_link.clone()),
            photo: input.photo,
            team: input.team,
            waz_client_id: org.id.clone(),
            to_be_invited_by_id: input.to_be_invited_by_id,
            latest_action: now,
            updated_at: now,
            seq: self.next_seq,
        };
        self.colleagues.push(c.clone());
        c
    }

    /// colleagues-create: 409 when the inviter already has a live entry with this email.
    pub fn create(&mut self, org_id: &str, input: NewColleague) -> Result<Colleague, ApiError> {
        let org = self
            .orgs
            .get(org_id)
            .cloned()
            .ok_or_else(|| ApiError::new(401, messages::INVALID_KEY_COLLEAGUES))?;
        if self.duplicate(org_id, &input.to_be_invited_by_id, &input.email, None) {
            return Err(ApiError::new(
                409,
                messages::duplicate_on_create(&input.email),
            ));
        }
        Ok(self.insert(&org, input))
    }

    /// colleagues-list: the inviter's entries, deleted excluded, joined first, then those with a
    /// photo, then newest first (insertion order breaks ties), at most LIST_LIMIT.
    pub fn list(&self, org_id: &str, inviter: &str) -> Vec<Colleague> {
        let inviter = email_key(inviter);
        let mut out: Vec<&Colleague> = self
            .colleagues
            .iter()
            .filter(|c| {
                c.waz_client_id == org_id
                    && c.status != "deleted"
                    && email_key(&c.to_be_invited_by_id) == inviter
            })
            .collect();
        out.sort_by(|a, b| {
            (b.status == "joined")
                .cmp(&(a.status == "joined"))
                .then((b.photo.is_some()).cmp(&a.photo.is_some()))
                .then(b.created_at.cmp(&a.created_at))
                .then(b.seq.cmp(&a.seq))
        });
        out.into_iter().take(LIST_LIMIT).cloned().collect()
    }

    /// colleagues-update: 404 for an id outside the org, 409 when the new email is already a
    /// live entry of the same inviter.
    pub fn update(
        &mut self,
        org_id: &str,
        id: &str,
        status: Option<String>,
        email: Option<String>,
    ) -> Result<Colleague, ApiError> {
        let Some(pos) = self
            .colleagues
            .iter()
            .position(|c| c.id == id && c.waz_client_id == org_id)
        else {
            return Err(ApiError::new(
                404,
                messages::colleague_not_found(id, org_id),
            ));
        };
        if let Some(new_email) = &email {
            let inviter = self.colleagues[pos].to_be_invited_by_id.clone(); // panic-ok: pos from position()
            if self.duplicate(org_id, &inviter, new_email, Some(id)) {
                return Err(ApiError::new(409, messages::duplicate_on_update(new_email)));
            }
        }
        let now = self.clock.tick();
        let c = &mut self.colleagues[pos]; // panic-ok: pos from position()
        if let Some(s) = status {
            c.status = s;
        }
        if let Some(e) = email {
            c.email = e;
        }
        c.latest_action = now;
        c.updated_at = now;
        Ok(c.clone())
    }

    /// user-sync's synchronous part: create or update the user; returns its userId.
    pub fn upsert_user(&mut self, org_id: &str, mut user: User) -> String {
        let now = self.clock.tick();
        let k = (org_id.to_string(), email_key(&user.email));
        user.user_id = user_id_for(&user.email);
        user.updated_at = now;
        user.created_at = self.users.get(&k).map(|u| u.created_at).unwrap_or(now);
        let id = user.user_id.clone();
        self.users.insert(k, user);
        id
    }

    pub fn user(&self, org_id: &str, email: &str) -> Option<&User> {
        self.users.get(&(org_id.to_string(), email_key(email)))
    }

    /// The background run of the algorithm for one synced user: every person of the directory at
    /// the user's domain (the user excluded) becomes an entry unless the user already has one
    /// (deleted ones included, so a re-sync never resurrects them). One credit of `key` is spent
    /// when more than one colleague is found.
    pub fn run_sync(
        &mut self,
        key: &str,
        org_id: &str,
        email: &str,
        invite_link: Option<String>,
    ) -> RunRecord {
        let domain = email
            .rsplit_once('@')
            .map(|(_, d)| d.trim().to_lowercase())
            .unwrap_or_default();
        let mut rec = RunRecord {
            organization: org_id.to_string(),
            email: email.to_string(),
            domain: domain.clone(),
            found: 0,
            created: 0,
            credit_spent: false,
            skipped: None,
        };
        let Some(org) = self.orgs.get(org_id).cloned() else {
            return rec;
        };
        if !org.waz_enabled {
            rec.skipped = Some("waz_disabled");
            return rec;
        }
        let Some(company) = self.directory.get(&domain).cloned() else {
            return rec;
        };
        let me = email_key(email);
        for p in company.people.iter().filter(|p| email_key(&p.email) != me) {
            rec.found += 1;
            let exists = self.colleagues.iter().any(|c| {
                c.waz_client_id == org.id
                    && email_key(&c.to_be_invited_by_id) == me
                    && email_key(&c.email) == email_key(&p.email)
            });
            if exists {
                continue;
            }
            rec.created += 1;
            self.insert(
                &org,
                NewColleague {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    company_name: company.company_name.clone(),
                    to_be_invited_by_id: email.to_string(),
                    job_title: p.job_title.clone(),
                    website: company.website.clone(),
                    team: None,
                    invite_link: invite_link.clone(),
                    redirection_link: None,
                    photo: p.photo.clone(),
                    status: p.status.clone(),
                },
            );
        }
        if rec.found > 1 {
            if let Some(k) = self.keys.get_mut(key) {
                k.credits = (k.credits - 1).max(0);
                rec.credit_spent = true;
            }
        }
        rec
    }

    pub fn record_run(&mut self, rec: RunRecord) {
        self.runs.push(rec);
    }

    /// The control API's view: credits per key, entries and users per organization, sync runs.
    pub fn snapshot(&self) -> Value {
        let keys: serde_json::Map<String, Value> = self
            .keys
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    json!({ "organization": v.organization, "credits": v.credits }),
                )
            })
            .collect();
        let mut orgs = serde_json::Map::new();
        let mut ids: Vec<&String> = self.orgs.keys().collect();
        ids.sort();
        for id in ids {
            let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
            let mut total = 0;
            for c in self.colleagues.iter().filter(|c| &c.waz_client_id == id) {
                total += 1;
                *by_status.entry(c.status.as_str()).or_default() += 1;
            }
            let users: Vec<&User> = self
                .users
                .iter()
                .filter(|((o, _), _)| o == id)
                .map(|(_, u)| u)
                .collect();
            orgs.insert(
                id.clone(),
                json!({ "colleagues": total, "byStatus": by_status, "users": users }),
            );
        }
        json!({ "keys": keys, "organizations": orgs, "syncs": self.syncs, "runs": self.runs })
    }
}
