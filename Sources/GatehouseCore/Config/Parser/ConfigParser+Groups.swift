/// Reading the `groups` section: group name → description and rules.
extension ConfigParser {
    /// Where each rule id was first used, to report repeats across the whole file.
    struct RuleIDs {
        private var firstUse: [String: (path: String, line: Int?)] = [:]

        /// Records `id`; false (after reporting at `value`) when it is already used.
        mutating func claim(_ id: String, at value: YAMLValue) -> Bool {
            if let earlier = firstUse[id] {
                let line = earlier.line.map { " on line \($0)" } ?? ""
                value.report(
                    "duplicate rule id \(ConfigEcho.quoted(id)) (also used by \(earlier.path)\(line))"
                )
                return false
            }
            firstUse[id] = (value.path, value.line)
            return true
        }
    }

    /// `groups`: group name to description and rules, in file order. `ids` holds the rule ids
    /// already used elsewhere in the file.
    static func readGroups(_ value: YAMLValue, ids: inout RuleIDs) -> [GroupPolicy] {
        var groups: [GroupPolicy] = []
        value.mapping { section in
            for entry in section.takeAll() {
                let nameIsValid = isGroupName(entry.name)
                if !nameIsValid { entry.key.report(invalidGroupNameMessage) }
                if let group = readGroup(entry.name, entry.value, ids: &ids), nameIsValid {
                    groups.append(group)
                }
            }
        }
        return groups
    }

    private static func readGroup(_ name: String, _ value: YAMLValue, ids: inout RuleIDs)
        -> GroupPolicy?
    {
        value.mapping { group -> GroupPolicy? in
            let description = group.optional("description")?.string(allowEmpty: true)
            guard let rules = group.required("rules")?.sequence() else { return nil }
            let policyRules = rules.compactMap { readRule($0, ids: &ids) }
            return GroupPolicy(name: name, description: description, rules: policyRules)
        } ?? nil
    }

    private static func readRule(_ value: YAMLValue, ids: inout RuleIDs) -> PolicyRule? {
        value.mapping { rule -> PolicyRule? in
            let idValue = rule.optional("id")
            let effect = rule.required("effect")?.choice([Decision.Effect.allow, .deny])
            let actions = rule.required("actions").flatMap(readActionPatterns)
            let resources = rule.optional("resources").map(readResourcePatterns) ?? [Glob("*")]
            let reason = rule.optional("reason")?.string()
            let obligations = rule.optional("obligations").map(readObligations) ?? [:]
            // Unnamed rules are named by their place, as in `groups.admins.rules[0]`.
            let id: String?
            if let idValue {
                id = idValue.string().flatMap { ids.claim($0, at: idValue) ? $0 : nil }
            } else {
                id = ids.claim(value.path, at: value) ? value.path : nil
            }
            guard let id, let effect, let actions, let resources else { return nil }
            return PolicyRule(
                id: id, effect: effect, actions: actions, resources: resources, reason: reason,
                obligations: obligations)
        } ?? nil
    }

    /// `obligations`: names to strings. Values of secret-bearing names must be references.
    private static func readObligations(_ value: YAMLValue) -> [String: String] {
        var obligations: [String: String] = [:]
        value.mapping { mapping in
            for entry in mapping.takeAll() {
                var item = entry.value
                item.isSecret = SecretRef.isSecretBearing(key: entry.name)
                if let text = item.string(allowEmpty: true) { obligations[entry.name] = text }
            }
        }
        return obligations
    }
}
