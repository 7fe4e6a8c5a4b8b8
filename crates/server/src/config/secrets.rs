//! The secret that signs access tokens: configured, or made once and kept in a file only its
//! owner can read.

use super::Config;

impl Config {
    /// The keys that sign and check access tokens: the configured secret, or the one kept in
    /// the secret file (made on first use, readable by the owner only).
    pub fn token_keys(
        &self,
    ) -> Result<klastry_domain::accounts::sessions::TokenKeys, crate::error::ServerError> {
        use crate::error::ServerError;
        let secret = match &self.jwt_secret {
            Some(secret) => secret.clone(),
            None => match std::fs::read_to_string(&self.jwt_secret_file) {
                Ok(secret) => secret.trim().to_string(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let secret = klastry_domain::platform::secrets::random_secret()?;
                    if let Some(dir) = self.jwt_secret_file.parent()
                        && !dir.as_os_str().is_empty()
                    {
                        std::fs::create_dir_all(dir).map_err(|e| {
                            ServerError::io(format!("creating {}", dir.display()), e)
                        })?;
                    }
                    write_private(&self.jwt_secret_file, &secret)?;
                    secret
                }
                Err(e) => {
                    return Err(ServerError::io(
                        format!("reading {}", self.jwt_secret_file.display()),
                        e,
                    ));
                }
            },
        };
        klastry_domain::accounts::sessions::TokenKeys::from_secret(secret.as_bytes())
            .map_err(|e| ServerError::Config(e.to_string()))
    }
}

/// Writes a file only its owner can read.
pub(crate) fn write_private(
    path: &std::path::Path,
    contents: &str,
) -> Result<(), crate::error::ServerError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| crate::error::ServerError::io(format!("creating {}", path.display()), e))?;
    file.write_all(contents.as_bytes())
        .map_err(|e| crate::error::ServerError::io(format!("writing {}", path.display()), e))
}
