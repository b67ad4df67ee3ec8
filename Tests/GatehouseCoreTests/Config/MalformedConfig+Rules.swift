/// Cases about groups and rules.
extension MalformedConfig {
    static let ruleCases: [MalformedConfig] = [
        MalformedConfig(
            name: "unknown action with a suggestion",
            yaml: """
                version: 1
                groups:
                  developers:
                    rules:
                      - effect: allow
                        actions: [model.use, modle.use]
                """,
            expected: [
                #"gatehouse.yaml:6: groups.developers.rules[0].actions[1]: unknown action "modle.use" "#
                    + #"(did you mean "model.use"?)"#
            ]),
        MalformedConfig(
            name: "wildcard matching no action",
            yaml: """
                version: 1
                groups:
                  developers:
                    rules:
                      - effect: allow
                        actions: "foo.*"
                """,
            expected: [
                #"gatehouse.yaml:6: groups.developers.rules[0].actions: pattern "foo.*" matches no action"#
            ]),
        MalformedConfig(
            name: "bad effect",
            yaml: """
                version: 1
                groups:
                  developers:
                    rules:
                      - effect: permit
                        actions: model.use
                """,
            expected: [
                #"gatehouse.yaml:5: groups.developers.rules[0].effect: invalid value "permit" "#
                    + "(expected one of: allow, deny)"
            ]),
        MalformedConfig(
            name: "duplicate rule id",
            yaml: """
                version: 1
                groups:
                  admins:
                    rules:
                      - id: everything
                        effect: allow
                        actions: "*"
                  developers:
                    rules:
                      - id: everything
                        effect: allow
                        actions: model.use
                """,
            expected: [
                #"gatehouse.yaml:10: groups.developers.rules[0].id: duplicate rule id "everything" "#
                    + "(also used by groups.admins.rules[0].id on line 5)"
            ]),
        MalformedConfig(
            name: "invalid group name, empty actions, rules not a sequence",
            yaml: """
                version: 1
                groups:
                  "-ops":
                    rules: []
                  ops:
                    rules:
                      - {effect: deny, actions: []}
                  qa:
                    rules: {effect: allow}
                """,
            expected: [
                "gatehouse.yaml:3: groups.-ops: invalid group name (use up to 128 letters, digits, "
                    + #"".", "_" and "-", starting with a letter or digit)"#,
                "gatehouse.yaml:7: groups.ops.rules[0].actions: expected at least one action pattern",
                "gatehouse.yaml:9: groups.qa.rules: expected a sequence, found a mapping",
            ]),
        MalformedConfig(
            name: "inline secret in an obligation",
            yaml: """
                version: 1
                groups:
                  developers:
                    rules:
                      - effect: allow
                        actions: tool.call
                        obligations: {inject: github, api_key: sk-hunter2-s3cret}
                """,
            expected: [
                "gatehouse.yaml:7: groups.developers.rules[0].obligations.api_key: secrets must be references "
                    + "(env:NAME or file:PATH), not inline values"
            ]),
    ]
}
