import Testing

@testable import GatehouseMCP

@Suite("Catalog: hostile YAML is refused")
struct CatalogHostileYAMLTests {
    @Test func anchorsAndAliasesAreRefused() {
        let text = "registry:\n  a: &base\n    image: x\n  b: *base\n"
        #expect(
            catalogError(text)
                == "catalog.yaml:2: registry.a: anchors and aliases (&name, *name) are not supported in catalogs; write the value out"
        )
    }

    @Test func anAliasBombIsRefusedBeforeItExpands() {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        lines.append("registry: {}")
        let started = ContinuousClock.now
        #expect(catalogError(lines.joined(separator: "\n"))?.contains("anchors and aliases") == true)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func anAliasUsedAsAKeyIsRefusedBeforeComposing() {
        let text = "a: &a [x, x]\nregistry:\n  *a : y\n"
        #expect(catalogError(text) == "catalog.yaml:3: an alias cannot be used as a mapping key")
        #expect(
            catalogError("registry:\n  ? [a, b]\n  : c\n")
                == #"catalog.yaml:2: explicit mapping keys ("? key") are not supported; write "key: value""#)
        #expect(
            catalogError("registry:\n  [a, b]: c\n")
                == "catalog.yaml:2: a sequence or mapping cannot be used as a mapping key")
    }

    @Test func anUndefinedAliasIsRefused() {
        #expect(
            catalogError("registry:\n  s: *nothing\n")
                == "catalog.yaml:2: anchors and aliases (&name, *name) are not supported in catalogs; write the value out"
        )
    }

    @Test func moreThanOneDocumentIsRefused() {
        #expect(
            catalogError("registry: {}\n---\nregistry: {}\n")
                == "catalog.yaml:2: expected one YAML document, found another")
    }

    @Test func explicitTagsAreRefused() {
        #expect(
            catalogError("registry:\n  s:\n    image: !!binary aGVsbG8=\n")
                == "catalog.yaml:3: registry.s.image: explicit tags (tag:yaml.org,2002:binary) are not supported in catalogs"
        )
        #expect(
            catalogError("registry: !servers {}\n")
                == "catalog.yaml:1: registry: explicit tags (!servers) are not supported in catalogs")
    }

    @Test func deepNestingIsRefused() {
        let deep =
            "registry:\n  s:\n    image: a\n    config: [" + String(repeating: "[", count: 70)
            + String(repeating: "]", count: 70) + "]\n"
        #expect(catalogError(deep)?.hasSuffix("the document nests deeper than 64 levels; refusing to read it") == true)
        let deeper = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(catalogError(deeper) == "catalog.yaml:1: the document nests deeper than 64 levels; refusing to read it")
    }

    @Test func oversizedTextsAreRefusedUnread() {
        let big = "registry: {}\n#" + String(repeating: "x", count: 4 << 20) + "\n"
        #expect(
            catalogError(big)
                == "catalog.yaml: the document is \(big.utf8.count) bytes, over the 4 MiB limit; refusing to read it")
    }

    @Test func tooManyNodesAreRefused() {
        let many = "registry: {}\nversion: [" + String(repeating: "1,", count: CatalogYAML.maxNodes) + "1]\n"
        #expect(
            catalogError(many)
                == "catalog.yaml:2: version[499995]: the document has more than 500000 nodes; refusing to read it")
    }

    @Test func emptyAndInvalidDocuments() {
        #expect(catalogError("") == "catalog.yaml: the document is empty")
        #expect(catalogError("# nothing\n") == "catalog.yaml: the document is empty")
        #expect(catalogError("registry: [\n")?.hasPrefix("catalog.yaml:2: invalid YAML: ") == true)
        #expect(
            catalogError("registry:\n\t s: {}\n")
                == "catalog.yaml:2: invalid YAML: found character that cannot start any token")
        #expect(catalogError("- a\n- b\n") == "catalog.yaml:1: expected a mapping, found a sequence")
    }

    @Test func mergeKeysAreUnknownKeys() {
        #expect(
            catalogError("registry:\n  s:\n    <<: {image: a}\n")?.hasPrefix(
                #"catalog.yaml:3: registry.s: unknown key "<<""#) == true)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let catalog = try MCPCatalog.parse(yaml: "\u{FEFF}registry:\n  s:\n    image: a\n", file: "c.yaml")
        #expect(catalog.servers.map(\.name) == ["s"])
    }
}
