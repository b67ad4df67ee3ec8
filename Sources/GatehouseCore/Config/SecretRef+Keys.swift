/// Which configuration keys hold secrets, and what is said when they hold values instead.
extension SecretRef {
    /// Key-name endings that mark a key as secret-bearing.
    static let secretKeySuffixes = ["token", "password", "secret", "key"]

    /// Reported when a secret-bearing key holds anything but a reference. Never names the value.
    static let inlineValueMessage =
        "secrets must be references (env:NAME or file:PATH), not inline values"

    /// Reported when a secret-bearing key holds a malformed `env:` or `file:` reference.
    static let malformedReferenceMessage =
        "invalid secret reference (use env:NAME, NAME being letters, digits and _ not starting "
        + "with a digit, or file:PATH)"

    /// Whether a key's value must be a secret reference: its name ends in `token`, `password`,
    /// `secret` or `key` (in any case).
    static func isSecretBearing(key: String) -> Bool {
        let lowered = key.lowercased()
        return secretKeySuffixes.contains { lowered.hasSuffix($0) }
    }
}
