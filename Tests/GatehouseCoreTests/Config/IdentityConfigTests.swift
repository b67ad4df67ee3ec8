import Testing

@testable import GatehouseCore

@Suite struct IdentityConfigTests {
    static func parse(_ identity: String) -> (GatehouseConfig?, [String]) {
        do {
            return (try ConfigParser.parse("version: 1\nidentity:\n" + identity, file: "g.yaml"), [])
        } catch {
            return (nil, error.diagnostics.map(\.description))
        }
    }

    @Test func fullSectionIsRead() throws {
        let (config, errors) = Self.parse(
            """
              oidc:
                issuer: https://login.example.com
                client_id: gatehouse
                client_secret: env:GATEHOUSE_OIDC_SECRET
                scopes: [openid, email, groups]
                groups_claim: roles
                allowed_email_domains: [Example.com, corp.example.com]
              jit_provisioning: false
              session_ttl: 8h
              scim:
                token: file:/run/secrets/scim
                groups: [provisioning]
                link: {attribute: userName, claim: preferred_username}
            """)
        #expect(errors.isEmpty)
        let identity = try #require(config?.identity)
        #expect(identity.oidc?.issuer == "https://login.example.com")
        #expect(identity.oidc?.clientSecret == .env("GATEHOUSE_OIDC_SECRET"))
        #expect(identity.oidc?.scopes == ["openid", "email", "groups"])
        #expect(identity.oidc?.groupsClaim == "roles")
        #expect(identity.oidc?.allowedEmailDomains == ["example.com", "corp.example.com"])
        #expect(!identity.jitProvisioning)
        #expect(identity.sessionTTLMicros == 8 * 3_600 * 1_000_000)
        #expect(identity.scimToken == .file("/run/secrets/scim"))
        #expect(identity.scimGroups == ["provisioning"])
        #expect(identity.link == UserLink(attribute: .userName, claim: "preferred_username"))
        #expect(identity.scimEnabled)
    }

    @Test func defaultsWithoutTheSection() throws {
        let config = try ConfigParser.parse("version: 1\n", file: "g.yaml")
        #expect(config.identity.oidc == nil)
        #expect(config.identity.jitProvisioning)
        #expect(config.identity.scimToken == nil)
    }

    @Test func mistakesAreNamed() {
        let (_, errors) = Self.parse(
            """
              oidc:
                issuer: http://login.example.com
                client_secret: hunter2-inline
                scopes: [profile]
                allowed_email_domains: [alice@example.com]
              jit_provisioning: yes
              session_ttl: forever
              scim:
                token: s3cr3t
            """)
        #expect(
            errors == [
                "g.yaml:4: identity.oidc: missing required key \"client_id\"",
                "g.yaml:4: identity.oidc.issuer: the issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost)",
                "g.yaml:5: identity.oidc.client_secret: secrets must be references (env:NAME or file:PATH), not inline values",
                "g.yaml:6: identity.oidc.scopes: scopes must include openid",
                "g.yaml:7: identity.oidc.allowed_email_domains[0]: expected a domain name like example.com",
                "g.yaml:8: identity.jit_provisioning: expected true or false, found a string (\"yes\")",
                "g.yaml:9: identity.session_ttl: expected a lifetime like 30m, 12h or 7d (at most 365d)",
                "g.yaml:11: identity.scim.token: secrets must be references (env:NAME or file:PATH), not inline values",
            ])
        #expect(!errors.joined().contains("hunter2"))
        #expect(!errors.joined().contains("s3cr3t"))
    }

    @Test func loopbackHTTPIssuerIsAllowedForTests() {
        let (config, errors) = Self.parse("  oidc: {issuer: \"http://127.0.0.1:55480\", client_id: gh}\n")
        #expect(errors.isEmpty)
        #expect(config?.identity.oidc?.issuer == "http://127.0.0.1:55480")
    }

    @Test func linkDefaultsToExternalIdAndSub() throws {
        let (config, errors) = Self.parse("  scim:\n    token: env:T\n")
        #expect(errors.isEmpty)
        #expect(config?.identity.link == UserLink(attribute: .externalId, claim: "sub"))
        #expect(config?.identity.scimGroups == ["scim"])
    }

    @Test(arguments: [
        ("  scim:\n    link: {claim: email}\n", "an email address can be reassigned"),
        ("  scim:\n    link: {attribute: emails}\n", "expected externalId or userName"),
        ("  scim:\n    link: {attribute: externalId, clam: sub}\n", "unknown key (did you mean \"claim\"?)"),
    ])
    func badLinksAreRefused(yaml: String, message: String) {
        let (_, errors) = Self.parse(yaml)
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
    }

    @Test func publicURLIsCheckedAndTrimmed() throws {
        let good = try ConfigParser.parse(
            "version: 1\nserver:\n  public_url: https://gh.example.com/\n", file: "g.yaml")
        #expect(good.server.publicURL == "https://gh.example.com")
        for bad in ["gh.example.com", "https://gh.example.com/?x=1", "ftp://gh"] {
            #expect(throws: ConfigError.self) {
                try ConfigParser.parse("version: 1\nserver:\n  public_url: \"\(bad)\"\n", file: "g.yaml")
            }
        }
    }
}

@Suite struct SandboxConfigTests {
    @Test func sectionIsReadAndRootsAreChecked() throws {
        let config = try ConfigParser.parse(
            """
            version: 1
            sandbox:
              workspace_roots: [/srv/ws/]
              image_roots: /srv/images
              egress_credentials:
                - {host: API.example.com, header: Authorization, value: env:TOKEN}
                - {host: git.corp.example, header: X-Token, value: file:/run/t, ca_file: /etc/corp-ca.pem}
            """, file: "g.yaml")
        #expect(config.sandbox.workspaceRoots == ["/srv/ws"])
        #expect(config.sandbox.imageRoots == ["/srv/images"])
        #expect(
            config.sandbox.egressCredentials == [
                EgressCredential(host: "api.example.com", header: "Authorization", value: .env("TOKEN")),
                EgressCredential(
                    host: "git.corp.example", header: "X-Token", value: .file("/run/t"), caFile: "/etc/corp-ca.pem"),
            ])
        for bad in ["workspace_roots: [/]", "image_roots: [relative]", "workspace_roots: [/a/../b]"] {
            #expect(throws: ConfigError.self) {
                try ConfigParser.parse("version: 1\nsandbox:\n  \(bad)\n", file: "g.yaml")
            }
        }
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse(
                "version: 1\nsandbox:\n  egress_credentials: [{host: a, header: b, value: inline}]\n", file: "g.yaml")
        }
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse(
                "version: 1\nsandbox:\n  egress_credentials: [{host: a, header: b, value: env:X, ca_file: ca.pem}]\n",
                file: "g.yaml")
        }
    }
}
