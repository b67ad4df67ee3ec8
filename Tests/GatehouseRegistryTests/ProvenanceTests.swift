import Foundation
import Testing

@testable import GatehouseRegistry

/// Base images as SLSA provenance names them: docker purls in v0.2 materials and v1 resolved
/// dependencies.
@Suite struct ProvenanceTests {
    @Test func dockerPurlsNameARepositoryTagAndDigest() {
        let hub = BaseImage(
            purl: "pkg:docker/debian@bookworm?platform=linux%2Famd64", sha256: String(repeating: "a", count: 64))
        #expect(hub?.repository == "docker.io/library/debian" && hub?.tag == "bookworm")
        #expect(hub?.digest == "sha256:" + String(repeating: "a", count: 64))
        #expect(hub?.reference == "docker.io/library/debian:bookworm")
        let namespaced = BaseImage(purl: "pkg:docker/bitnami/python@3.12", sha256: nil)
        #expect(namespaced?.repository == "docker.io/bitnami/python" && namespaced?.digest == nil)
        let hosted = BaseImage(
            purl: "pkg:docker/team/base@1.0?repository_url=registry.corp.example%3A5000", sha256: nil)
        #expect(hosted?.repository == "registry.corp.example:5000/team/base")
        let pinned = BaseImage(purl: "pkg:docker/alpine@sha256%3A" + String(repeating: "c", count: 64), sha256: nil)
        #expect(pinned?.tag == nil && pinned?.digest == "sha256:" + String(repeating: "c", count: 64))
        #expect(BaseImage(purl: "pkg:npm/left-pad@1.0.0", sha256: nil) == nil)
        #expect(BaseImage(purl: "https://github.com/org/repo", sha256: nil) == nil)
    }

    @Test func statementsOfBothSLSAVersionsAreRead() throws {
        let v02 = Data(
            #"""
            {"predicateType":"https://slsa.dev/provenance/v0.2","predicate":{"materials":[
              {"uri":"pkg:docker/debian@bookworm","digest":{"sha256":"\#(String(repeating: "d", count: 64))"}},
              {"uri":"https://github.com/org/app.git","digest":{"sha1":"abc"}}]}}
            """#.utf8)
        #expect(RegistryProxy.baseImages(statement: v02).map(\.reference) == ["docker.io/library/debian:bookworm"])
        let v1 = Data(
            #"""
            {"predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{"resolvedDependencies":[
              {"uri":"pkg:docker/alpine@3.19","digest":{"sha256":"not-hex"}}]}}}
            """#.utf8)
        let base = try #require(RegistryProxy.baseImages(statement: v1).first)
        #expect(base.reference == "docker.io/library/alpine:3.19" && base.digest == nil, "a bad digest is dropped")
        #expect(RegistryProxy.baseImages(statement: Data("not json".utf8)).isEmpty)
    }
}
