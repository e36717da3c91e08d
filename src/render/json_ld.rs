//! schema.org JSON-LD for the pages of authorities and services, so that search
//! engines and assistants can read their contacts.

use serde_json::{json, Value};

use super::Renderer;
use crate::model::meta::{AuthorityMeta, ServiceMeta};
use crate::model::values::{Email, LanguageCode, Phone};
use crate::model::Lang;

/// schema.org JSON-LD for an authority: a GovernmentOrganization with its ContactPoint.
pub fn authority_json_ld(r: &Renderer<'_>, m: &AuthorityMeta, lang: &Lang) -> String {
    let mut organization = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": m.institution,
        "areaServed": country_name(r, &m.country, lang),
    });
    if let Some(website) = &m.website {
        organization["url"] = json!(website);
    }
    if let Some(address) = &m.address {
        organization["address"] = json!({ "@type": "PostalAddress", "streetAddress": address, "addressCountry": m.country });
    }
    organization["contactPoint"] = contact_point(&m.phones, &m.emails, &m.languages);
    script_safe(&organization)
}

/// schema.org JSON-LD for a service: a GovernmentService whose provider is a
/// GovernmentOrganization with a ContactPoint.
pub fn service_json_ld(r: &Renderer<'_>, m: &ServiceMeta, lang: &Lang) -> String {
    let mut service = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": m.name,
        "areaServed": country_name(r, &m.country, lang),
        "serviceType": m.types,
    });
    let contact = contact_point(&m.phones, &m.emails, &m.languages);
    match &m.provider {
        Some(provider) => {
            service["provider"] = json!({ "@type": "GovernmentOrganization", "name": provider, "contactPoint": contact })
        }
        None => {
            service["availableChannel"] =
                json!({ "@type": "ServiceChannel", "servicePhone": contact })
        }
    }
    script_safe(&service)
}

fn contact_point(phones: &[Phone], emails: &[Email], languages: &[LanguageCode]) -> Value {
    let mut point = json!({ "@type": "ContactPoint" });
    if let Some(phone) = phones.first() {
        point["telephone"] = json!(phone);
    }
    if let Some(email) = emails.first() {
        point["email"] = json!(email);
    }
    if !languages.is_empty() {
        point["availableLanguage"] = json!(languages);
    }
    point
}

fn country_name(r: &Renderer<'_>, iso2: &str, lang: &Lang) -> String {
    r.country_link(iso2, lang)
        .map_or_else(|| iso2.to_string(), |l| l.title)
}

/// JSON that cannot close the `<script>` element it sits in.
fn script_safe(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace("</", "<\\/")
}
