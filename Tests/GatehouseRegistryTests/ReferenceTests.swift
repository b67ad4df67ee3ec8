import Foundation
import GatehouseCore
import Testing

@testable import GatehouseRegistry

/// Names, digests and references are hostile input: only the distribution spec's grammar passes.
@Suite struct ReferenceTests {
    @Test func digestsParseStrictly() throws {
        let hex = String(repeating: "ab", count: 32)
        let digest = try Digest(parsing: "sha256:" + hex)
        #expect(digest.algorithm == .sha256 && digest.hex == hex && digest.description == "sha256:" + hex)
        #expect(try Digest(parsing: "sha512:" + String(repeating: "0", count: 128)).algorithm == .sha512)
        for bad in [
            "sha256:" + hex.uppercased(), "sha256:" + hex.dropLast(), "md5:" + hex, "sha256:" + hex + "00",
            "sha256:../../etc/passwd", "sha256:", ":" + hex, hex, "sha256:" + hex.dropLast() + "g",
        ] {
            #expect(throws: GatehouseError.self, "\(bad)") { try Digest(parsing: bad) }
        }
        #expect(
            Digest.sha256(of: Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        ("registry.example.com/team/app", "registry.example.com", "team/app"),
        ("127.0.0.1:5055/test/busybox", "127.0.0.1:5055", "test/busybox"),
        ("127.0.0.1_5055/test/busybox", "127.0.0.1:5055", "test/busybox"),
        ("registry.example.com_443/a", "registry.example.com:443", "a"),
        ("Docker.IO/library/busy-box_1.2", "docker.io", "library/busy-box_1.2"),
        ("ghcr.io/a__b/c--d/e.f", "ghcr.io", "a__b/c--d/e.f"),
    ])
    func repositoriesSplitIntoRegistryAndPath(name: String, registry: String, path: String) throws {
        let repository = try Repository(proxyName: name)
        #expect(repository.registry == registry && repository.path == path)
    }

    @Test(arguments: [
        "registry.example.com", "registry.example.com/", "registry.example.com/Team/app", "reg/../etc",
        "registry.example.com/a//b", "registry.example.com/-a", "registry.example.com/a___b", "registry.example.com/a.",
        "host:0/a", "host:99999/a", "-host/a", "ho_st/a", "host_/a", "host_80_80/a", "host:80_1/a", "host/a?b",
        "host/a%2fb", "host/a b",
        "host/" + String(repeating: "a", count: 260),
    ])
    func badRepositoriesAreRefused(name: String) {
        #expect(throws: GatehouseError.self) { try Repository(proxyName: name) }
    }

    @Test func manifestReferencesAreTagsOrDigests() throws {
        #expect(try ManifestReference(parsing: "v1.2.3-rc_1") == .tag("v1.2.3-rc_1"))
        let digest = "sha256:" + String(repeating: "1", count: 64)
        #expect(try ManifestReference(parsing: digest) == .digest(try Digest(parsing: digest)))
        for bad in ["", ".hidden", "-x", "a/b", String(repeating: "t", count: 129), "sha256:zz", "tag with space"] {
            #expect(throws: GatehouseError.self, "\(bad)") { try ManifestReference(parsing: bad) }
        }
    }

    @Test func challengesParseAndRefuseGarbage() throws {
        let bearer = try #require(
            AuthChallenge(
                header:
                    #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull""#
            ))
        #expect(bearer.scheme == .bearer)
        #expect(bearer.realm == "https://auth.example.com/token")
        #expect(bearer.parameters["scope"] == "repository:a/b:pull")
        #expect(AuthChallenge(header: #"Basic realm="Registry \"x\"""#)?.parameters["realm"] == #"Registry "x""#)
        for bad in [
            #"Digest realm="x""#, #"Bearer realm="unterminated"#, "Bearer =x", String(repeating: "a", count: 5000),
        ] {
            #expect(AuthChallenge(header: bad) == nil, "\(bad.prefix(40))")
        }
    }

    @Test func internalAddressesAreRecognised() {
        for address in [
            "127.0.0.1:5000", "10.0.0.1", "172.16.5.4:443", "192.168.1.1", "169.254.169.254", "localhost:5000",
            "0.0.0.0", "100.64.0.1",
        ] {
            #expect(UpstreamSettings.isInternal(address), "\(address)")
        }
        for external in ["registry.example.com", "ghcr.io:443", "8.8.8.8", "172.32.0.1", "192.169.0.1"] {
            #expect(!UpstreamSettings.isInternal(external), "\(external)")
        }
    }
}
