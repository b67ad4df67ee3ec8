import GatehouseCore
import Testing

/// The `registry` section: upstream settings by host glob, cache bounds, lifetimes.
@Suite struct RegistryConfigTests {
    @Test func upstreamsAndBoundsAreRead() throws {
        let config = try ConfigParser.parse(
            """
            version: 1
            registry:
              upstreams:
                - {host: "127.0.0.1:*", plain_http: true}
                - {host: "*.corp.example", username: puller, password: env:CORP_REGISTRY_TOKEN}
              cache_dir: /srv/gatehouse/registry
              cache_max_bytes: 1073741824
              tag_ttl_seconds: 60
              token_ttl_seconds: 120
              attestations:
                - {repositories: ["registry.corp.example/*"], require: [sbom, provenance]}
              hardened:
                - {id: distroless, repositories: ["registry.corp.example/*"], require: [non_root, no_shell]}
              classes:
                - {name: official, repositories: ["docker.io/library/*"]}
                - {name: org, repositories: "registry.corp.example/*"}
              signatures:
                - {id: org-signed, repositories: ["registry.corp.example/*"], keys: [/etc/org.pub]}
                - {repositories: "127.0.0.1:*/test/signed*", keys: /etc/a.pub}
            """, file: "g.yaml")
        let registry = config.registry
        #expect(registry.upstream(for: "127.0.0.1:5055")?.plainHTTP == true)
        #expect(registry.upstream(for: "registry.corp.example")?.password == .env("CORP_REGISTRY_TOKEN"))
        #expect(registry.upstream(for: "docker.io") == nil)
        #expect(registry.cacheDir == "/srv/gatehouse/registry")
        #expect(registry.cacheMaxBytes == 1 << 30)
        #expect(registry.tagTTLSeconds == 60 && registry.tokenTTLSeconds == 120)
        #expect(registry.signatures.map(\.id) == ["org-signed", "signatures[1]"])
        #expect(registry.hardened.first?.require == ["non_root", "no_shell"])
        #expect(registry.attestations.first?.id == "attestations[0]")
        #expect(registry.attestations.first?.require == ["sbom", "provenance"])
        #expect(registry.hardened.first?.covers("registry.corp.example/a") == true)
        #expect(registry.imageClass(of: "docker.io/library/busybox") == "official")
        #expect(registry.imageClass(of: "registry.corp.example/team/app") == "org")
        #expect(registry.imageClass(of: "ghcr.io/someone/tool") == "unclassified")
        #expect(RegistryConfig().imageClass(of: "docker.io/library/busybox") == nil)
        #expect(registry.signatures[0].covers("registry.corp.example/team/app"))
        #expect(!registry.signatures[0].covers("docker.io/library/busybox"))
        #expect(registry.signatures[1].keys == ["/etc/a.pub"])
        #expect(try ConfigParser.parse("version: 1\n", file: "g.yaml").registry.cacheMaxBytes == 10 << 30)
    }

    @Test(arguments: [
        "upstreams: [{host: a, username: u}]", "upstreams: [{host: a, password: inline}]", "cache_dir: relative",
        "cache_max_bytes: 10", "tag_ttl_seconds: -1", "token_ttl_seconds: 5", "upstreams: [{hots: a}]", "unknown: 1",
        "signatures: [{repositories: [a], keys: [relative.pub]}]", "signatures: [{repositories: [], keys: [/a.pub]}]",
        "signatures: [{keys: [/a.pub]}]", "classes: [{name: a, repositories: [x]}, {name: a, repositories: [y]}]",
        "classes: [{name: \"bad name\", repositories: [x]}]", "hardened: [{repositories: [x], require: [no_bash]}]",
        "hardened: [{repositories: [x], require: []}]", "attestations: [{repositories: [x], require: [vex]}]",
    ])
    func badSettingsAreRefused(line: String) {
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("version: 1\nregistry:\n  \(line)\n", file: "g.yaml")
        }
    }
}
