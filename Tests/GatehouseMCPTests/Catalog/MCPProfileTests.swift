import Testing

@testable import GatehouseMCP

/// The error of parsing `yaml` as profiles in `gatehouse.yaml`, as printed; nil when it parses.
private func profileError(_ yaml: String) -> String? {
    do {
        _ = try MCPProfile.parse(yaml: yaml, file: "gatehouse.yaml")
        return nil
    } catch {
        return error.description
    }
}

@Suite("Catalog: profiles")
struct MCPProfileTests {
    static let text = """
        profiles:
          dev:
            description: Everyday tools
            servers: [github-official, time]
            tools:
              allow: ["github-official/*", "time/get_*"]
              deny: ["github-official/delete_*", "*__merge_pull_request"]
          minimal:
            servers: [time]
        """

    @Test func readsProfilesInFileOrder() throws {
        let profiles = try MCPProfile.parse(yaml: Self.text, file: "gatehouse.yaml")
        #expect(
            profiles == [
                MCPProfile(
                    name: "dev", description: "Everyday tools", servers: ["github-official", "time"],
                    allowTools: ["github-official/*", "time/get_*"],
                    denyTools: ["github-official/delete_*", "*__merge_pull_request"]),
                MCPProfile(name: "minimal", servers: ["time"]),
            ])
    }

    @Test func allowsAndDeniesTools() throws {
        let dev = try #require(try MCPProfile.parse(yaml: Self.text, file: "gatehouse.yaml").first)
        #expect(dev.allows(server: "github-official", tool: "list_issues"))
        #expect(!dev.allows(server: "github-official", tool: "delete_repo"))
        #expect(
            !dev.allows(server: "github-official", tool: "merge_pull_request", exposedName: "gh__merge_pull_request"))
        #expect(dev.allows(server: "time", tool: "get_current_time"))
        #expect(!dev.allows(server: "time", tool: "convert_time"))
        #expect(!dev.allows(server: "fetch", tool: "fetch"), "not in the profile")
        #expect(MCPProfile(name: "all", servers: ["fetch"]).allows(server: "fetch", tool: "fetch"))
    }

    @Test func globsMatchWholeNames() {
        #expect(MCPProfile.glob("*", matches: "a/b"))
        #expect(MCPProfile.glob("a/*_x", matches: "a/b_c_x"))
        #expect(MCPProfile.glob("a/?", matches: "a/b"))
        #expect(!MCPProfile.glob("a/?", matches: "a/bc"))
        #expect(!MCPProfile.glob("a", matches: "ab"))
        #expect(MCPProfile.glob("**a*", matches: "xxa"))
        #expect(!MCPProfile.glob("*a*b", matches: "xaxc"))
    }

    @Test func validatesAgainstACatalog() throws {
        let catalog = try MCPCatalog.parse(yaml: CatalogFixtures.docker, file: "docker-mcp.yaml")
        let profiles = try MCPProfile.parse(yaml: Self.text, file: "gatehouse.yaml")
        for profile in profiles { try profile.validate(against: catalog) }

        let typo = try MCPProfile.parse(
            yaml: "profiles:\n  dev:\n    servers:\n      - time\n      - githib-official\n", file: "gatehouse.yaml")
        #expect(throws: CatalogError.self) { try typo[0].validate(against: catalog) }
        do {
            try typo[0].validate(against: catalog)
        } catch {
            #expect(
                error.description
                    == #"gatehouse.yaml:5: profiles.dev.servers[1]: unknown server "githib-official" (did you mean "github-official"?)"#
            )
        }
    }

    @Test func validationExplainsSkippedServersAndForeignGlobs() throws {
        let catalog = try MCPCatalog.parse(
            yaml: "registry:\n  time: {image: t}\n  p: {type: poci}\n", file: "c.yaml", options: .importing)
        let skipped = try MCPProfile.parse(yaml: "profiles:\n  a:\n    servers: [p]\n", file: "g.yaml")[0]
        #expect(throws: CatalogError.self) { try skipped.validate(against: catalog) }
        do { try skipped.validate(against: catalog) } catch {
            #expect(
                error.description
                    == #"g.yaml:3: profiles.a.servers[0]: unknown server "p" (skipped when importing the catalog: per-tool containers (type: poci) are not supported)"#
            )
        }
        let foreign = try MCPProfile.parse(
            yaml: "profiles:\n  a:\n    servers: [time]\n    tools:\n      deny: [\"time/x\", \"fetch/*\"]\n",
            file: "g.yaml")[0]
        do {
            try foreign.validate(against: catalog)
            Issue.record("validated")
        } catch {
            #expect(
                error.description
                    == #"g.yaml:5: profiles.a.tools.deny[1]: the glob names the server "fetch", which is not in this profile's servers"#
            )
        }
    }

    @Test(arguments: [
        (
            "profiles:\n  dev:\n    server: [time]\n",
            #"gatehouse.yaml:3: profiles.dev: unknown key "server" (expected description, servers, tools)"#
        ),
        ("profiles:\n  dev:\n    description: x\n", #"gatehouse.yaml:3: profiles.dev: missing required key "servers""#),
        (
            "profiles:\n  dev:\n    servers: []\n",
            "gatehouse.yaml:3: profiles.dev.servers: a profile needs at least one server"
        ),
        (
            "profiles:\n  dev:\n    servers: [a, a]\n",
            "gatehouse.yaml:3: profiles.dev.servers[1]: the server a is listed twice"
        ),
        (
            "profiles:\n  Dev:\n    servers: [a]\n",
            #"gatehouse.yaml:2: profiles.Dev: invalid profile name "Dev" (expected 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or a digit)"#
        ),
        (
            "profiles:\n  dev:\n    servers: [a]\n    tools: {allow: [\"a/[x]\"]}\n",
            #"gatehouse.yaml:4: profiles.dev.tools.allow[0]: invalid tool glob "a/[x]" (expected letters, digits, '_', '.', '-', '/', '*' and '?', e.g. github/list_* or *__read_file)"#
        ),
        (
            "profiles:\n  dev:\n    servers: [a]\n    tools: {allow: [x], permit: [y]}\n",
            #"gatehouse.yaml:4: profiles.dev.tools: unknown key "permit" (expected allow, deny)"#
        ),
        ("profiles: {}\nserver: {}\n", #"gatehouse.yaml:2: unknown key "server" (expected profiles)"#),
        (
            "profiles:\n  dev: {servers: [a]}\n  dev: {servers: [b]}\n",
            #"gatehouse.yaml:3: profiles: duplicate key "dev" (first defined on line 2)"#
        ),
    ])
    func profileErrors(_ text: String, _ expected: String) {
        #expect(profileError(text) == expected)
    }

    @Test func otherSectionsOfGatehouseYAMLCanBeLeftAlone() throws {
        let text = "version: 1\nserver: {listen: \"0.0.0.0:8080\"}\nprofiles:\n  dev: {servers: [time]}\n"
        let profiles = try MCPProfile.parse(yaml: text, file: "gatehouse.yaml", allowingOtherKeys: true)
        #expect(profiles.map(\.name) == ["dev"])
        #expect(try MCPProfile.parse(yaml: "version: 1\n", file: "gatehouse.yaml", allowingOtherKeys: true).isEmpty)
    }
}
