@testable import GatehouseMCP

/// Catalog texts shared by the catalog tests.
enum CatalogFixtures {
    /// Docker's published catalog format: entries paraphrased from docker/mcp-gateway's tests and
    /// docker/mcp-registry's server definitions (see the research notes on the catalog format).
    static let docker = """
        version: 2
        name: docker-mcp
        displayName: Docker MCP Catalog
        registry:
          time:
            image: mcp/time@sha256:9c46a918633fb474bf8035e3ee90ebac6bcf2b18ccb00679ac4c179cba0ebfcf
          fetch:
            type: server
            title: Fetch (Reference)
            description: Fetches a URL from the internet and extracts its contents as markdown.
            image: mcp/fetch
            icon: https://avatars.githubusercontent.com/u/182288589?s=200&v=4
            metadata: {category: devops, tags: [fetch, devops]}
          github-official:
            type: server
            title: GitHub Official
            description: Official GitHub MCP Server, by GitHub.
            image: ghcr.io/github/github-mcp-server@sha256:a1d43076
            secrets:
              - name: github.personal_access_token
                env: GITHUB_PERSONAL_ACCESS_TOKEN
                example: <YOUR_TOKEN>
            oauth:
              providers:
                - {provider: github, secret: github.personal_access_token, env: GITHUB_PERSONAL_ACCESS_TOKEN}
            allowHosts: [api.github.com:443, github.com:443, raw.githubusercontent.com:443]
          clickhouse:
            type: server
            dateAdded: "2025-06-12T18:00:16Z"
            image: mcp/clickhouse@sha256:3a18fb46
            ref: ""
            readme: http://desktop.docker.com/mcp/catalog/v2/readme/clickhouse.md
            toolsUrl: http://desktop.docker.com/mcp/catalog/v2/tools/clickhouse.json
            tools: [{name: list_databases}, {name: list_tables}, {name: run_select_query}]
            secrets: [{name: clickhouse.password, env: CLICKHOUSE_PASSWORD, example: <YOUR_CLICKHOUSE_PASSWORD_HERE>}]
            env:
              - {name: CLICKHOUSE_HOST, value: '{{clickhouse.host}}'}
              - {name: CLICKHOUSE_PORT, value: 8443}
              - {name: CLICKHOUSE_DSN, value: 'clickhouse://default:${CLICKHOUSE_PASSWORD}@{{clickhouse.host}}'}
            prompts: 0
            resources: {}
            config:
              - name: clickhouse
                description: Configure the connection to ClickHouse
                type: object
                properties: {host: {type: string}, port: {type: string}}
            metadata: {pulls: 10413, stars: 2, githubStars: 519}
          apify:
            type: remote
            title: ""
            remote:
              transport_type: streamable-http
              url: https://mcp.apify.com
              headers: {Authorization: "Bearer ${APIFY_API_KEY}"}
            secrets: [{name: apify.api_key, env: APIFY_API_KEY, example: <YOUR_API_KEY>}]
            tools: []
        """

    /// Gatehouse's own keys.
    static let ours = """
        name: team
        registry:
          py-tools:
            type: command
            title: Python tools
            command: [/opt/venv/bin/python, -m, tools.server]
            paths: [/opt/venv, /srv/tools]
            workdir: /srv/tools
            env: {PYTHONUNBUFFERED: "1", LOG_LEVEL: info, TOKEN_HEADER: "Bearer ${API_TOKEN}"}
            secrets:
              - {name: tools.api_token, env: API_TOKEN, from: "env:TOOLS_API_TOKEN", required: true}
            limits: {memory: 512M, pids: 64, cpus: 0.5, cpu_seconds: 120, call_timeout_seconds: 30}
            pool: {max: 4, idle_seconds: 300}
            isolation: gvisor
            allowHosts: ["*.pypi.org", "files.pythonhosted.org:443", "[2001:db8::1]:8443", "10.0.0.7"]
            prefix: py
            tools:
              - name: run_query
                description: Runs a query.
                annotations: {title: Run query, readOnlyHint: true}
                inputSchema:
                  type: object
                  properties: {sql: {type: string, description: The query}}
                  required: [sql]
          files:
            image: mcp/filesystem
            command: [/data]
            volumes: ["/srv/data:/data:ro", "/srv/more:/more", "{{filesystem.paths|volume}}"]
            disableNetwork: true
            longLived: true
            limits: {memory: 1073741824}
            pool: {}
        """
}
