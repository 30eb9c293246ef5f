/// The support code every generated module carries, so that it depends on
/// nothing but Foundation. `__CLIENT__` stands for the client type's name.
///
/// Each source is Swift text kept in a raw string; the generated module's
/// compile (in the tests) is what checks it.
enum RuntimeSources {
    static let files: [(name: String, source: String)] = [
        ("Configuration", configuration),
        ("Transport", transport),
        ("RequestBuilder", requestBuilder),
        ("Multipart", multipart),
        ("Errors", errors),
        ("JSON", json),
        ("Dates", dates),
        ("Sending", sending),
    ]
}
