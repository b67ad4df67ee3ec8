import Testing

@testable import GatehouseMCP

@Suite("Catalog: secret references in environment and headers")
struct CatalogSecretsTests {
    @Test func headersReferenceOnlyTheServersSecrets() {
        let text = """
            registry:
              apify:
                remote:
                  url: https://mcp.apify.com
                  headers: {Authorization: "Bearer ${APIFY_KEY}"}
                secrets: [{name: apify.api_key, env: APIFY_API_KEY}]
            """
        #expect(
            catalogError(text)
                == "catalog.yaml:5: registry.apify.remote.headers.Authorization: ${APIFY_KEY} names no secret of this server (its secrets' env: APIFY_API_KEY)"
        )
    }

    @Test(arguments: [
        ("\"${HOME}/x\"", "${HOME} names no secret of this server (it has none)"),
        ("\"${unclosed\"", "a reference ${ is not closed (expected ${NAME})"),
        ("\"${1BAD}\"", "a reference ${…} must name an environment variable ([A-Za-z_][A-Za-z0-9_]*)"),
        ("\"${}\"", "a reference ${…} must name an environment variable ([A-Za-z_][A-Za-z0-9_]*)"),
    ])
    func environmentReferencesAreChecked(_ value: String, _ message: String) {
        #expect(
            catalogError("registry:\n  s:\n    image: a\n    env: [{name: X, value: \(value)}]\n")
                == "catalog.yaml:4: registry.s.env[0].value: \(message)")
    }

    @Test func aDollarWithoutABraceIsLiteral() throws {
        let catalog = try MCPCatalog.parse(
            yaml: "registry:\n  s:\n    image: a\n    env: {PRICE: \"$5 and $HOME\"}\n", file: "c.yaml")
        #expect(catalog.servers.first?.resolvedEnvironment(secrets: [:]) == ["PRICE": "$5 and $HOME"])
    }

    @Test func resolvedEnvironmentPutsSecretsInTheirVariables() throws {
        let server = try #require(
            try MCPCatalog.parse(yaml: CatalogFixtures.ours, file: "c.yaml").server(named: "py-tools"))
        #expect(
            server.resolvedEnvironment(secrets: ["tools.api_token": "s3cret"]) == [
                "API_TOKEN": "s3cret", "PYTHONUNBUFFERED": "1", "LOG_LEVEL": "info", "TOKEN_HEADER": "Bearer s3cret",
            ])
        #expect(
            server.resolvedEnvironment(secrets: [:]) == [
                "PYTHONUNBUFFERED": "1", "LOG_LEVEL": "info", "TOKEN_HEADER": "Bearer ",
            ])
        #expect(server.resolvedHeaders(secrets: ["tools.api_token": "s3cret"]).isEmpty)
    }

    @Test func resolvedHeadersSubstituteSecretValues() throws {
        let apify = try #require(
            try MCPCatalog.parse(yaml: CatalogFixtures.docker, file: "c.yaml").server(named: "apify"))
        #expect(apify.resolvedHeaders(secrets: ["apify.api_key": "k-123"]) == ["Authorization": "Bearer k-123"])
        #expect(apify.resolvedHeaders(secrets: ["other": "x"]) == ["Authorization": "Bearer "])
    }

    @Test func missingSecretsAreTheRequiredAndReferencedOnes() throws {
        let catalog = try MCPCatalog.parse(yaml: CatalogFixtures.docker, file: "c.yaml")
        #expect(catalog.server(named: "apify")?.missingSecrets(in: [:]) == ["apify.api_key"])
        #expect(catalog.server(named: "apify")?.missingSecrets(in: ["apify.api_key": "k"]) == [])
        #expect(
            catalog.server(named: "github-official")?.missingSecrets(in: [:]) == [], "neither required nor referenced")
        #expect(catalog.server(named: "clickhouse")?.missingSecrets(in: [:]) == ["clickhouse.password"])
    }

    @Test func substitutionHandlesEdges() {
        #expect(CatalogReferences.substitute("${A}${B}-$-${", values: ["A": "1", "B": "2"]) == "12-$-${")
        #expect(
            CatalogReferences.substitute("x${A}y", values: ["A": "${B}"]) == "x${B}y", "values are not expanded again")
    }
}
