/// Cases about keys and the document's shape.
extension MalformedConfig {
    static let keyCases: [MalformedConfig] = [
        MalformedConfig(
            name: "unknown key with a suggestion",
            yaml: """
                version: 1
                server:
                  host: 127.0.0.1
                  prot: 8080
                """,
            expected: [#"gatehouse.yaml:4: server.prot: unknown key (did you mean "port"?)"#]),
        MalformedConfig(
            name: "unknown key differing only in case",
            yaml: "version: 1\nStore:\n  url: sqlite:x.db\n",
            expected: [#"gatehouse.yaml:2: Store: unknown key (did you mean "store"?)"#]),
        MalformedConfig(
            name: "unknown key without a suggestion",
            yaml: """
                version: 1
                logging:
                  level: info
                  colour: true
                """,
            expected: [
                "gatehouse.yaml:4: logging.colour: unknown key (expected one of: level, format)"
            ]),
        MalformedConfig(
            name: "unknown top-level section",
            yaml: "version: 1\nregistries: {}\n",
            expected: [
                "gatehouse.yaml:2: registries: unknown key (expected one of: version, server, store, audit, "
                    + "logging, telemetry, bootstrap, identity, sandbox, registry, mcp, scan, inference, groups)"
            ]),
        MalformedConfig(
            name: "missing required key",
            yaml: """
                version: 1
                groups:
                  developers:
                    rules:
                      - id: dev-models
                        actions: model.use
                """,
            expected: [
                #"gatehouse.yaml:5: groups.developers.rules[0]: missing required key "effect""#
            ]),
        MalformedConfig(
            name: "missing version",
            yaml: "# settings\nserver:\n  port: 8080\n",
            expected: [#"gatehouse.yaml:2: missing required key "version""#]),
        MalformedConfig(
            name: "unsupported version; the rest is not judged",
            yaml: "version: 2\nmodels: {}\n",
            expected: [
                "gatehouse.yaml:1: version: unsupported version 2 (this Gatehouse reads version 1)"
            ]),
        MalformedConfig(
            name: "duplicate key",
            yaml: """
                version: 1
                server:
                  port: 8080
                  host: 0.0.0.0
                  port: 9090
                """,
            expected: ["gatehouse.yaml:5: server.port: duplicate key (first defined on line 3)"]),
        MalformedConfig(
            name: "duplicate keys in several mappings, flow and block",
            yaml: """
                version: 1
                server: {port: 1, port: 2, host: a, host: b}
                logging:
                  level: info
                  "level": debug
                  level: warning
                """,
            expected: [
                "gatehouse.yaml:2: server.port: duplicate key (first defined on line 2)",
                "gatehouse.yaml:2: server.host: duplicate key (first defined on line 2)",
                "gatehouse.yaml:5: logging.level: duplicate key (first defined on line 4)",
                "gatehouse.yaml:6: logging.level: duplicate key (first defined on line 4)",
            ]),
        MalformedConfig(
            name: "repeated merge key",
            yaml: "version: 1\nlogging:\n  <<: {level: debug}\n  <<: {format: text}\n",
            expected: ["gatehouse.yaml:4: logging.<<: duplicate key (first defined on line 3)"]),
        MalformedConfig(
            name: "duplicate key before a syntax error: reported, but without a path",
            yaml: "version: 1\nserver:\n  port: 1\n  port: 2\nstore: [\n",
            expected: [
                #"gatehouse.yaml:3: duplicate key "port""#,
                "gatehouse.yaml:6: invalid YAML: did not find expected node content (while parsing a flow node)",
            ]),
        MalformedConfig(
            name: "CRLF line endings and a byte order mark",
            yaml: "\u{FEFF}version: 1\r\nserver:\r\n  port: 1\r\n  port: 2\r\n  prot: 3\r\n",
            expected: [
                "gatehouse.yaml:4: server.port: duplicate key (first defined on line 3)",
                #"gatehouse.yaml:5: server.prot: unknown key (did you mean "port"?)"#,
            ]),
        MalformedConfig(
            name: "invalid YAML syntax",
            yaml: """
                version: 1
                server:
                  host: [127.0.0.1
                  port: 8080
                """,
            expected: [
                "gatehouse.yaml:4: invalid YAML: did not find expected ',' or ']' "
                    + "(while parsing a flow sequence at line 3)"
            ]),
        MalformedConfig(
            name: "tab indentation",
            yaml: "version: 1\nserver:\n\tport: 1\n",
            expected: ["gatehouse.yaml:3: invalid YAML: tabs cannot indent YAML; use spaces"]),
        MalformedConfig(
            name: "two documents",
            yaml: "version: 1\n---\nversion: 1\n",
            expected: ["gatehouse.yaml:2: invalid YAML: expected one document, found another"]),
        MalformedConfig(
            name: "empty document",
            yaml: "",
            expected: [
                #"gatehouse.yaml: the document is empty (expected a mapping starting with "version: 1")"#
            ]),
        MalformedConfig(
            name: "only comments",
            yaml: "# nothing yet\n\n",
            expected: [
                #"gatehouse.yaml: the document is empty (expected a mapping starting with "version: 1")"#
            ]),
        MalformedConfig(
            name: "top-level sequence",
            yaml: "- version: 1\n- groups: {}\n",
            expected: ["gatehouse.yaml:1: the top level must be a mapping, found a sequence"]),
        MalformedConfig(
            name: "top-level scalar",
            yaml: "version 1\n",
            expected: [
                #"gatehouse.yaml:1: the top level must be a mapping, found a string ("version 1")"#
            ]),
    ]
}
