//! Whether a way to reach an authority or a service is well formed: an e-mail address,
//! a web address. Pure functions of the text; the catalog turns what they find into
//! diagnostics.

/// `local@domain.tld`, without spaces or commas.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c == ',')
        && !domain.contains('@')
}

/// An absolute `http` or `https` address of a named host, as a reader could open it.
///
/// The `url` crate parses by the WHATWG URL standard, as browsers do, so a host with
/// characters no domain can hold, a bad port or a broken IPv6 literal is refused. On
/// top of what a browser would forgive, the address must be written out whole:
/// `http://` or `https://` literally at the start (the standard accepts `https:host`
/// and backslashes), no white space anywhere (the standard would drop a tab or encode a
/// space), no user name or password, and a host name with a dot (not `localhost`).
pub fn is_web_url(address: &str) -> bool {
    let written_out = address.starts_with("https://") || address.starts_with("http://");
    if !written_out || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Ok(url) = url::Url::parse(address) else {
        return false;
    };
    let named_host = match url.host() {
        Some(url::Host::Domain(host)) => {
            host.contains('.') && !host.starts_with('.') && !host.contains("..")
        }
        _ => false,
    };
    named_host && url.username().is_empty() && url.password().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_urls_are_checked_for_shape() {
        assert!(is_email("trata@example.gob.pe") && !is_email("trata@") && !is_email("a b@x.pe"));
        for ok in [
            "https://www.gob.pe/x",
            "http://example.org",
            "https://www.example.org/a?b=c#d",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "www.gob.pe",
            "https://localhost",
            "https://www.gob .pe/",
            "https://www.gob.pe/a b",
            "https:www.gob.pe",
            "https://user:secret@www.gob.pe/",
            "https://www.gob.pe:99999/",
            "ftp://www.gob.pe/",
            "https://10.0.0.1/",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
