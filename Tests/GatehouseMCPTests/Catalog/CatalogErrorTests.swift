import Testing

@testable import GatehouseMCP

/// The error of parsing `yaml` as `catalog.yaml`, as printed; nil when it parses.
func catalogError(_ yaml: String, options: MCPCatalog.ParseOptions = []) -> String? {
    do {
        _ = try MCPCatalog.parse(yaml: yaml, file: "catalog.yaml", options: options)
        return nil
    } catch {
        return error.description
    }
}

@Suite("Catalog: errors name file, line and key path")
struct CatalogErrorTests {
    @Test func unknownKeyListsTheExpectedKeys() {
        let text = """
            registry:
              github:
                image: mcp/github
                secrets:
                  - name: github.pat
                    nmae: typo
                    env: GITHUB_TOKEN
            """
        #expect(
            catalogError(text)
                == #"catalog.yaml:6: registry.github.secrets[0]: unknown key "nmae" (expected name, env, from, example, description, required)"#
        )
    }

    @Test func unknownServerAndTopLevelKeys() throws {
        let server = try #require(catalogError("registry:\n  time:\n    image: mcp/time\n    imagee: x\n"))
        #expect(server.hasPrefix(#"catalog.yaml:4: registry.time: unknown key "imagee" (expected name, type, image, "#))
        #expect(
            server.hasSuffix(
                "isolation, dateAdded, ref, toolsUrl, readme, icon, source, upstream, metadata, prompts, resources, policy)"
            ))
        #expect(
            catalogError("registy: {}\n")
                == #"catalog.yaml:1: unknown key "registy" (expected version, name, displayName, registry, policy)"#)
        #expect(catalogError("name: x\n") == #"catalog.yaml:1: missing required key "registry""#)
    }

    @Test(arguments: [
        (
            "registry:\n  time:\n    image: [a]\n",
            "catalog.yaml:3: registry.time.image: expected a string, found a sequence"
        ),
        (
            "registry:\n  time:\n    image: a\n    disableNetwork: yes\n",
            #"catalog.yaml:4: registry.time.disableNetwork: expected true or false, found a string ("yes")"#
        ),
        ("registry: []\n", "catalog.yaml:1: registry: expected a mapping of server names to servers, found a sequence"),
        ("version: two\nregistry: {}\n", #"catalog.yaml:1: version: expected an integer, found a string ("two")"#),
        (
            "registry:\n  s:\n    image: a\n    pool: {max: 65}\n",
            "catalog.yaml:4: registry.s.pool.max: 65 is out of range (expected 1...64)"
        ),
        (
            "registry:\n  s:\n    image: a\n    limits: {memory: lots}\n",
            #"catalog.yaml:4: registry.s.limits.memory: invalid memory limit "lots" (expected bytes or a size such as 512M or 2G, from 1M to 1T)"#
        ),
        (
            "registry:\n  s:\n    image: a\n    isolation: docker\n",
            #"catalog.yaml:4: registry.s.isolation: invalid isolation "docker" (expected namespaces, gvisor, microvm)"#
        ),
        (
            "registry:\n  s:\n    type: lambda\n",
            #"catalog.yaml:3: registry.s.type: invalid type "lambda" (expected server, remote or command)"#
        ),
        (
            "registry:\n  s:\n    image: a\n    tools: {}\n",
            "catalog.yaml:4: registry.s.tools: expected a sequence, found a mapping"
        ),
    ])
    func wrongTypesAndValues(_ text: String, _ expected: String) {
        #expect(catalogError(text) == expected)
    }

    @Test(arguments: [
        (
            "registry:\n  time:\n    title: Time\n",
            "catalog.yaml:3: registry.time: missing \"image\" (a container server needs an image; write type: command "
                + "with a command to run one in a sandbox, or type: remote with remote.url)"
        ),
        ("registry:\n  s:\n    type: server\n", #"catalog.yaml:3: registry.s: missing required key "image""#),
        ("registry:\n  s:\n    type: command\n", #"catalog.yaml:3: registry.s: missing required key "command""#),
        (
            "registry:\n  s:\n    type: command\n    command: []\n",
            "catalog.yaml:4: registry.s.command: expected the program and its arguments"
        ),
        ("registry:\n  r:\n    type: remote\n", #"catalog.yaml:3: registry.r: missing required key "remote""#),
        (
            "registry:\n  r:\n    type: remote\n    remote: {transport_type: http}\n",
            #"catalog.yaml:4: registry.r.remote: missing required key "url""#
        ),
    ])
    func missingKeys(_ text: String, _ expected: String) {
        #expect(catalogError(text) == expected)
    }

    @Test(arguments: [
        (
            "registry:\n  \"\":\n    image: a\n",
            #"catalog.yaml:2: registry.: invalid server name "" (expected 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or a digit)"#
        ),
        (
            "registry:\n  GitHub:\n    image: a\n",
            #"catalog.yaml:2: registry.GitHub: invalid server name "GitHub" (expected 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or a digit)"#
        ),
        (
            "registry:\n  s:\n    image: a\n    secrets: [{name: \"\", env: X}]\n",
            "catalog.yaml:4: registry.s.secrets[0].name: must not be empty"
        ),
        (
            "registry:\n  s:\n    image: a\n    tools:\n      - name: bad tool\n",
            #"catalog.yaml:5: registry.s.tools[0].name: invalid tool name "bad tool" (expected 1 to 128 letters, digits, '_', '.' or '-')"#
        ),
        (
            "registry:\n  s:\n    image: a\n    tools: [{name: \"\"}]\n",
            "catalog.yaml:4: registry.s.tools[0].name: must not be empty"
        ),
        (
            "registry:\n  s:\n    image: a\n    tools: [{name: t}, {name: t}]\n",
            "catalog.yaml:4: registry.s.tools[1].name: the tool t is listed twice"
        ),
        (
            "registry:\n  s:\n    name: t\n    image: a\n",
            #"catalog.yaml:3: registry.s.name: the name differs from the server's key "s""#
        ),
    ])
    func badNames(_ text: String, _ expected: String) {
        #expect(catalogError(text) == expected)
    }

    @Test func duplicateServerNames() {
        let text = "registry:\n  time:\n    image: a\n  fetch:\n    image: b\n  time:\n    image: c\n"
        #expect(catalogError(text) == #"catalog.yaml:6: registry: duplicate server "time" (first defined on line 2)"#)
        let nested = "registry:\n  s:\n    image: a\n    env: {A: x, B: y, A: z}\n"
        #expect(catalogError(nested) == #"catalog.yaml:4: registry.s.env: duplicate key "A" (first defined on line 4)"#)
    }

    @Test(arguments: [
        ("paths: [venv]", "registry.s.paths[0]: expected an absolute path"),
        ("paths: [/opt/../etc]", "registry.s.paths[0]: the path must not hold . or .. components"),
        ("workdir: srv", "registry.s.workdir: expected an absolute path"),
        ("volumes: [\"data:/data:ro\"]", "registry.s.volumes[0]: expected an absolute path on both sides of a volume"),
        ("volumes: [\"/a:/b:z\"]", "registry.s.volumes[0]: expected host:container or host:container:ro"),
        (
            "volumes: [\"/a:/b:rw\"]",
            "registry.s.volumes[0]: writable volumes (:rw) are not supported: servers see host files read-only, and only the workspace is writable"
        ),
        ("allowHosts: [\"api.github.com:99999\"]", "registry.s.allowHosts[0]: invalid port (expected 1...65535)"),
        (
            "allowHosts: [\"https://api.github.com\"]",
            "registry.s.allowHosts[0]: expected host[:port], e.g. api.github.com:443 or *.example.com"
        ),
        (
            "allowHosts: [\"a..b\"]",
            "registry.s.allowHosts[0]: expected host[:port], e.g. api.github.com:443 or *.example.com"
        ),
        ("prefix: \"a b\"", "registry.s.prefix: invalid prefix (expected 1 to 64 letters, digits, '_', '.' or '-')"),
        (
            "secrets: [{name: s, env: S, from: hunter2}]",
            "registry.s.secrets[0].from: expected a secret reference, env:NAME or file:/absolute/path (never the secret itself)"
        ),
        (
            "secrets: [{name: s, env: 1S}]",
            "registry.s.secrets[0].env: invalid environment variable name (expected [A-Za-z_][A-Za-z0-9_]*)"
        ),
        ("env: [{name: A, value: x}, {name: A, value: y}]", "registry.s.env[1].name: the variable A is set twice"),
        (
            "env: {\"A-B\": x}",
            #"registry.s.env.A-B: invalid environment variable name "A-B" (expected [A-Za-z_][A-Za-z0-9_]*)"#
        ),
    ])
    func badValuesOfContainerServers(_ line: String, _ expected: String) {
        #expect(catalogError("registry:\n  s:\n    image: a\n    \(line)\n") == "catalog.yaml:4: \(expected)")
    }

    @Test(arguments: [
        ("url: ftp://example.com", "registry.r.remote.url: expected an http or https URL"),
        ("url: example.com/mcp", "registry.r.remote.url: expected an http or https URL"),
        (
            "url: \"https://user:pw@example.com\"",
            "registry.r.remote.url: the URL must not hold credentials; pass them in a header from a secret"
        ),
        (
            "url: https://x.example, transport_type: websocket",
            #"registry.r.remote.transport_type: unsupported remote transport "websocket" (expected http, streamable, streaming, streamable-http)"#
        ),
        (
            "url: https://x.example, headers: {\"Bad Header\": x}",
            #"registry.r.remote.headers.Bad Header: invalid header name "Bad Header""#
        ),
        (
            "url: https://x.example, headers: {X-A: \"a\\r\\nX-Injected: 1\"}",
            "registry.r.remote.headers.X-A: a header value must not hold control characters or line breaks"
        ),
    ])
    func badRemoteServers(_ remote: String, _ expected: String) {
        #expect(
            catalogError("registry:\n  r:\n    type: remote\n    remote: {\(remote)}\n")
                == "catalog.yaml:4: \(expected)")
    }

    @Test func keysThatDoNotFitTheKind() {
        #expect(
            catalogError("registry:\n  c:\n    type: command\n    command: [x]\n    image: y\n")
                == "catalog.yaml:5: registry.c.image: not used by a command server (type: command)")
        #expect(
            catalogError("registry:\n  r:\n    remote: {url: \"https://x.example\"}\n    paths: [/opt]\n")
                == "catalog.yaml:4: registry.r.paths: not used by a remote server (type: remote)")
        #expect(
            catalogError("registry:\n  s:\n    image: a\n    remote: {url: \"https://x.example\"}\n    type: server\n")
                == "catalog.yaml:4: registry.s.remote: not used by a container server (type: server)")
        #expect(
            catalogError("registry:\n  c:\n    type: command\n    command: [x]\n    volumes: [\"/a:/a\"]\n")
                == "catalog.yaml:5: registry.c.volumes: not used by a command server (type: command); bind host paths with paths"
        )
    }

    @Test func anEnvironmentVariableCannotShadowASecret() {
        #expect(
            catalogError("registry:\n  s:\n    image: a\n    secrets: [{name: s, env: S}]\n    env: {S: x}\n")
                == "catalog.yaml:5: registry.s.env.S: the variable S is already set by a secret")
    }

    @Test func dockerEmptyValuesDoNotCountAsSet() throws {
        let text =
            "registry:\n  r:\n    type: remote\n    image: \"\"\n    longLived: false\n    remote: {url: \"https://x.example\"}\n"
        #expect(catalogError(text) == nil)
    }

    @Test func unsupportedFeaturesAreErrorsWhenNotImporting() {
        #expect(
            catalogError("registry:\n  p:\n    type: poci\n    tools: [{name: t, container: {image: alpine}}]\n")
                == "catalog.yaml:3: registry.p.type: per-tool containers (type: poci) are not supported")
        #expect(
            catalogError("registry:\n  r:\n    remote: {url: \"https://x.example/sse\", transport_type: sse}\n")
                == "catalog.yaml:3: registry.r.remote.transport_type: the SSE transport is not supported; Gatehouse reaches remote servers over streamable HTTP (transport_type: streamable-http)"
        )
        #expect(
            catalogError("registry:\n  r:\n    sseEndpoint: \"https://x.example/sse\"\n")
                == "catalog.yaml:3: registry.r.sseEndpoint: the SSE transport (sseEndpoint) is not supported; Gatehouse reaches remote servers over streamable HTTP"
        )
    }

    @Test func errorsCarryTheirParts() throws {
        do {
            _ = try MCPCatalog.parse(yaml: "registry:\n  s:\n    image: 5\n", file: "x.yaml")
            Issue.record("parsed")
        } catch {
            #expect(error.file == "x.yaml")
            #expect(error.line == 3)
            #expect(error.path == "registry.s.image")
            #expect(error.message == "expected a string, found an integer (5)")
            #expect(!error.isUnsupported)
        }
    }
}
