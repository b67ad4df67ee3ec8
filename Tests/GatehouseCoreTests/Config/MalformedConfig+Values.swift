/// Cases about values: types, ranges, secrets, URLs.
extension MalformedConfig {
    static let valueCases: [MalformedConfig] = [
        MalformedConfig(
            name: "wrong type: string for an integer",
            yaml: "version: 1\nserver:\n  port: abc\n",
            expected: [
                #"gatehouse.yaml:3: server.port: expected an integer, found a string ("abc")"#
            ]),
        MalformedConfig(
            name: "wrong type: scalar for a section",
            yaml: "version: 1\naudit: 5\n",
            expected: ["gatehouse.yaml:2: audit: expected a mapping, found an integer (5)"]),
        MalformedConfig(
            name: "wrong type: quoted version",
            yaml: "version: \"1\"\n",
            expected: [#"gatehouse.yaml:1: version: expected an integer, found a string ("1")"#]),
        MalformedConfig(
            name: "echoed values are truncated to 40 characters",
            yaml: "version: 1\nlogging:\n  level: \(String(repeating: "v", count: 60))\n",
            expected: [
                "gatehouse.yaml:3: logging.level: invalid value \"\(String(repeating: "v", count: 40))...\" "
                    + "(expected one of: trace, debug, info, notice, warning, error, critical)"
            ]),
        MalformedConfig(
            name: "misspelt choice",
            yaml: "version: 1\nlogging: {level: warnig, format: txt}\n",
            expected: [
                #"gatehouse.yaml:2: logging.level: invalid value "warnig" (did you mean "warning"?)"#,
                #"gatehouse.yaml:2: logging.format: invalid value "txt" (did you mean "text"?)"#,
            ]),
        MalformedConfig(
            name: "port out of range",
            yaml: "version: 1\nserver:\n  port: 70000\n",
            expected: ["gatehouse.yaml:3: server.port: 70000 is out of range (expected 1...65535)"]),
        MalformedConfig(
            name: "integer too large for any range",
            yaml: "version: 1\naudit:\n  batch_max: 99999999999999999999999\n",
            expected: [
                "gatehouse.yaml:3: audit.batch_max: 99999999999999999999999 is out of range (expected 1...10000)"
            ]),
        MalformedConfig(
            name: "empty host",
            yaml: "version: 1\nserver:\n  host: \"\"\n",
            expected: ["gatehouse.yaml:3: server.host: must not be empty"]),
        MalformedConfig(
            name: "inline password in a postgres URL",
            yaml:
                "version: 1\nstore:\n  url: postgres://gatehouse:hunter2-s3cret@db.internal:5432/gatehouse\n",
            expected: [
                "gatehouse.yaml:3: store.url: inline secrets are not allowed; use store.password: env:NAME"
            ]),
        MalformedConfig(
            name: "password in a postgres URL query",
            yaml:
                "version: 1\nstore:\n  url: postgresql://gh@db/gh?sslmode=require&password=hunter2-s3cret\n",
            expected: [
                "gatehouse.yaml:3: store.url: inline secrets are not allowed; use store.password: env:NAME"
            ]),
        MalformedConfig(
            name: "unsupported store scheme",
            yaml: "version: 1\nstore:\n  url: mysql://gh@db/gh\n",
            expected: [
                #"gatehouse.yaml:3: store.url: unsupported store URL scheme "mysql" (expected sqlite:PATH, "#
                    + "postgres://USER@HOST:PORT/DB or postgresql://USER@HOST:PORT/DB)"
            ]),
        MalformedConfig(
            name: "in-memory SQLite",
            yaml: "version: 1\nstore: {url: \"sqlite::memory:\"}\n",
            expected: [
                "gatehouse.yaml:2: store.url: an in-memory database (:memory:) is not allowed; "
                    + "the store must persist to a file"
            ]),
        MalformedConfig(
            name: "inline admin token",
            yaml: "version: 1\nbootstrap:\n  admin_token: ghp_hunter2-s3cret\n",
            expected: [
                "gatehouse.yaml:3: bootstrap.admin_token: secrets must be references (env:NAME or file:PATH), "
                    + "not inline values"
            ]),
        MalformedConfig(
            name: "inline store password, as a number",
            yaml: "version: 1\nstore:\n  password: 8675309\n",
            expected: [
                "gatehouse.yaml:3: store.password: secrets must be references (env:NAME or file:PATH), "
                    + "not inline values"
            ]),
        MalformedConfig(
            name: "malformed secret reference",
            yaml: "version: 1\nbootstrap:\n  admin_token: env:1hunter2\n",
            expected: [
                "gatehouse.yaml:3: bootstrap.admin_token: invalid secret reference (use env:NAME, NAME being "
                    + "letters, digits and _ not starting with a digit, or file:PATH)"
            ]),
        MalformedConfig(
            name: "invalid admin group name",
            yaml: "version: 1\nbootstrap:\n  admin_groups: [admins, \"ops team\"]\n",
            expected: [
                "gatehouse.yaml:3: bootstrap.admin_groups[1]: invalid group name (use up to 128 letters, digits, "
                    + #"".", "_" and "-", starting with a letter or digit)"#
            ]),
    ]
}
