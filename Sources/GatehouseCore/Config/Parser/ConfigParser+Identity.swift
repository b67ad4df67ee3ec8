/// Reading the `identity` section.
extension ConfigParser {
    static func readIdentity(_ value: YAMLValue) -> IdentityConfig {
        var identity = IdentityConfig()
        value.mapping { section in
            if let oidc = section.optional("oidc") { identity.oidc = readOIDC(oidc) }
            if let jit = section.optional("jit_provisioning")?.boolean() { identity.jitProvisioning = jit }
            if let ttl = section.optional("session_ttl"), let text = ttl.string() {
                do {
                    identity.sessionTTLMicros = try TokenLifetime.micros(text)
                } catch {
                    ttl.report("expected a lifetime like 30m, 12h or 7d (at most 365d)")
                }
            }
            if let scim = section.optional("scim") {
                scim.mapping { scimSection in
                    identity.scimToken = scimSection.optional("token")?.secretRef()
                    if let groups = scimSection.optional("groups")?.stringOrSequence() {
                        identity.scimGroups = groups.compactMap { $0.string() }
                    }
                    if let link = scimSection.optional("link") { identity.link = readLink(link) }
                }
            }
        }
        return identity
    }

    static func readLink(_ value: YAMLValue) -> UserLink {
        value.mapping { section in
            var link = UserLink()
            if let attribute = section.optional("attribute"), let text = attribute.string() {
                if let known = UserLink.Attribute(rawValue: text) {
                    link.attribute = known
                } else {
                    attribute.report("expected externalId or userName")
                }
            }
            if let claim = section.optional("claim"), let text = claim.string() {
                if ["email", "emails", "upn"].contains(text.lowercased()) {
                    claim.report("an email address can be reassigned; link on a stable claim such as sub or oid")
                } else if text.isEmpty {
                    claim.report("expected a claim name such as sub")
                } else {
                    link.claim = text
                }
            }
            return link
        } ?? UserLink()
    }

    static func readOIDC(_ value: YAMLValue) -> OIDCConfig? {
        value.mapping { section -> OIDCConfig? in
            let issuerValue = section.required("issuer")
            let issuer = issuerValue?.string()
            if let issuer, let issuerValue, let problem = issuerProblem(issuer) { issuerValue.report(problem) }
            let clientID = section.required("client_id")?.string()
            var config = OIDCConfig(issuer: issuer ?? "", clientID: clientID ?? "")
            config.clientSecret = section.optional("client_secret")?.secretRef()
            if let scopes = section.optional("scopes") {
                let names = scopes.stringOrSequence()?.compactMap { $0.string() } ?? []
                if names.contains("openid") {
                    config.scopes = names
                } else {
                    scopes.report("scopes must include openid")
                }
            }
            if let claim = section.optional("groups_claim")?.string() { config.groupsClaim = claim }
            if let domains = section.optional("allowed_email_domains")?.stringOrSequence() {
                config.allowedEmailDomains = domains.compactMap { domain in
                    guard let text = domain.string() else { return nil }
                    guard text.contains("."), !text.contains("@"), !text.contains("/"), !text.contains(" ") else {
                        domain.report("expected a domain name like example.com")
                        return nil
                    }
                    return text.lowercased()
                }
            }
            guard issuer != nil, clientID != nil else { return nil }
            return config
        } ?? nil
    }

    /// An issuer must be an https URL without query or fragment; plain http is allowed only on
    /// loopback (for a provider run on the same host, as in tests).
    static func issuerProblem(_ issuer: String) -> String? {
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        let isLoopback = loopback.contains { issuer == $0 || issuer.hasPrefix($0 + ":") || issuer.hasPrefix($0 + "/") }
        guard issuer.hasPrefix("https://") || isLoopback else {
            return "the issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost)"
        }
        guard !issuer.contains("?"), !issuer.contains("#"), !issuer.contains(" ") else {
            return "the issuer must not have a query or fragment"
        }
        return nil
    }
}
