import Testing

@testable import GatehouseMCP

@Suite struct ConnectionStringRuleTests {
    @Test(arguments: [
        "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
        "mssql", "sqlserver",
    ])
    func databaseURLs(scheme: String) {
        let url = "\(scheme)://app:s3cr3t-Pa55@db.internal:5432/app?sslmode=require"
        expectSingle("database-url-password", in: "DATABASE_URL=\(url)", covering: "s3cr3t-Pa55")
    }

    @Test func databaseURLVariants() {
        expectSingle("database-url-password", in: "redis://:hunter2@cache:6379/0", covering: "hunter2")
        expectSingle(
            "database-url-password", in: "mongodb://u:p%40ss@h1:27017,h2:27017/db?replicaSet=rs0", covering: "p%40ss")
        expectSingle(
            "database-url-password", in: #"{"url": "jdbc:postgresql://u:pw1234@localhost/db"}"#, covering: "pw1234")
        expectSingle("database-url-password", in: "POSTGRES://ADMIN:Secret99@HOST/DB", covering: "Secret99")
    }

    @Test func databaseURLsWithoutPasswords() {
        expectClean("postgres://host/db")
        expectClean("postgres://user@host:5432/db")
        expectClean("postgresql://user:@host/db")
        expectClean("https://user@host/path")
        expectClean("https://user:pass@example.com/ is a web URL, not a database")
        expectClean("postgres://user:${DB_PASSWORD}@host/db")
        expectClean("mysql://root:****@localhost/db")
        expectClean("redis://cache:6379/0?timeout=5s")
        expectClean("see postgres://host/db@v2 and mysql://localhost:3306")
    }

    @Test func jdbcPasswordParameters() {
        expectSingle(
            "jdbc-password", in: "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Str0ng!Pass;encrypt=true",
            covering: "Str0ng!Pass")
        expectSingle(
            "jdbc-password", in: "url=jdbc:mysql://db:3306/app?user=app&password=hunter22&useSSL=true",
            covering: "hunter22")
        expectSingle("jdbc-password", in: "jdbc:oracle:thin:scott/tiger99@db:1521:ORCL", covering: "tiger99")
    }

    @Test func jdbcWithoutPassword() {
        expectClean("jdbc:mysql://db:3306/app?user=app&useSSL=true")
        expectClean("jdbc:sqlserver://db:1433;databaseName=app;password=;encrypt=true")
        expectClean("jdbc:sqlserver://db;integratedSecurity=true password=later")
    }

    @Test func adoConnectionStrings() {
        expectSingle(
            "connection-string-password",
            in: "Server=tcp:db.example.net,1433;Database=app;User ID=sa;Password=Pa55w0rd!;Encrypt=True;",
            covering: "Pa55w0rd!")
        expectSingle(
            "connection-string-password", in: "Driver={ODBC Driver 18};Server=db;Uid=sa;Pwd={se;cret};",
            covering: "se;cret")
        expectSingle(
            "connection-string-password", in: #"{"cs": "Data Source=db; User Id=app; password = 'my pass word'"}"#,
            covering: "my pass word")
        expectSingle("connection-string-password", in: "Password=hunter2;Server=db", covering: "hunter2")
    }

    @Test func adoPasswordsThatAreNotThere() {
        expectClean("Server=db;Database=app;User ID=sa;Password=;Encrypt=True;")
        expectClean("Server=db;Database=app;Integrated Security=true;")
        expectClean("password=")
        expectClean("the password= field is required")
        expectClean("DB_PASSWORD=hunter2;")
        expectClean("Server=db;Password=${DB_PASSWORD};")
        expectClean("password = hunter2")  // no connection-string shape, not random enough
    }
}
