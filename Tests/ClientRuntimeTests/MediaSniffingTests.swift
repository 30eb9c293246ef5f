import Foundation
@testable import ClientRuntime
import Testing

/// The media type of an upload: from its first bytes (`MediaTypes.sniff`),
/// then its filename's extension, then `application/octet-stream`; and the
/// extension of a type, for files the client names.
struct MediaSniffingTests {
    static func bytes(_ text: String, _ extra: [UInt8] = []) -> Data { Data(text.utf8) + Data(extra) }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46])

    static func ftyp(_ brand: String) -> Data { Data([0, 0, 0, 0x18]) + bytes("ftyp" + brand) + Data([0, 0, 0, 0]) }

    @Test(arguments: [
        (jpeg, "image/jpeg"),
        (Data([0xFF, 0xD8, 0xFF]), "image/jpeg"),
        (png, "image/png"),
        (bytes("RIFF", [0x24, 0x00, 0x00, 0x00]) + bytes("WEBPVP8 "), "image/webp"),
        (bytes("GIF87a", [1, 0, 1, 0]), "image/gif"),
        (bytes("GIF89a", [1, 0, 1, 0]), "image/gif"),
        (ftyp("heic"), "image/heic"), (ftyp("heix"), "image/heic"), (ftyp("heim"), "image/heic"), (ftyp("heis"), "image/heic"),
        (ftyp("mif1"), "image/heic"), (ftyp("msf1"), "image/heic"),
        (ftyp("avif"), "image/avif"),
        (bytes("BM", Array(repeating: 0, count: 12)), "image/bmp"),
        (Data([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00]), "image/tiff"),
        (Data([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x08]), "image/tiff"),
        (bytes("%PDF-1.7\n"), "application/pdf"),
        (Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), "application/zip"),
    ])
    func magicBytesNameTheType(data: Data, type: String) {
        #expect(MediaTypes.sniff(data) == type)
        // The same bytes followed by anything.
        #expect(MediaTypes.sniff(data + Data(repeating: 0x41, count: 100)) == type)
    }

    /// Signatures cut short, near misses, and types the sniffer does not know.
    @Test(arguments: [
        Data(), Data([0xFF, 0xD8]), png.prefix(7), Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0B]),
        bytes("RIFF", [0, 0, 0, 0]) + bytes("WAVEfmt "), bytes("RIFF", [0, 0, 0, 0]) + bytes("WEB"),
        bytes("GIF88a"), bytes("GIF8"),
        ftyp("mp42"), ftyp("isom"), ftyp("qt  "), bytes("\u{0}\u{0}\u{0}\u{18}ftyphei"),
        bytes("BM", Array(repeating: 0, count: 11)),
        Data([0x49, 0x49, 0x2B, 0x00]), bytes("%PDF"), Data([0x50, 0x4B, 0x05, 0x06]),
        bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), bytes("{\"a\": 1}"), bytes("hello"),
    ])
    func unknownOrTruncatedBytesNameNoType(data: Data) {
        #expect(MediaTypes.sniff(data) == nil)
    }

    /// Only the first bytes count: a signature later in the data is not one.
    @Test func aSignatureMustStartTheData() {
        #expect(MediaTypes.sniff(Data([0]) + Self.png) == nil)
        #expect(MediaTypes.sniff(Self.jpeg.dropFirst(1)) == nil)
        // A slice of a larger buffer is read from its own start.
        let buffer = Data([1, 2]) + Self.png
        #expect(MediaTypes.sniff(buffer.dropFirst(2)) == "image/png")
    }

    @Test(arguments: [
        ("jpg", "image/jpeg"), ("JPEG", "image/jpeg"), ("png", "image/png"), ("Png", "image/png"), ("webp", "image/webp"),
        ("gif", "image/gif"), ("heic", "image/heic"), ("avif", "image/avif"), ("bmp", "image/bmp"), ("tif", "image/tiff"),
        ("tiff", "image/tiff"), ("svg", "image/svg+xml"), ("pdf", "application/pdf"), ("zip", "application/zip"),
        ("txt", "text/plain"), ("json", "application/json"), ("mp4", "video/mp4"), ("MOV", "video/quicktime"),
    ])
    func extensionsNameTheirType(fileExtension: String, type: String) {
        #expect(MediaTypes.contentType(forExtension: fileExtension) == type)
    }

    @Test func unknownExtensionsNameNoType() {
        for unknown in ["", "exe", "jpgx", "p ng", ".png", "heif"] {
            #expect(MediaTypes.contentType(forExtension: unknown) == nil, "\(unknown)")
        }
    }

    @Test(arguments: [
        ("image/jpeg", "jpg"), ("image/png", "png"), ("IMAGE/PNG", "png"), ("image/png; charset=binary", "png"),
        ("  image/webp ;q=1", "webp"), ("image/tiff", "tiff"), ("image/svg+xml", "svg"), ("text/plain; charset=utf-8", "txt"),
        ("video/quicktime", "mov"),
    ])
    func typesNameTheirUsualExtension(type: String, fileExtension: String) {
        #expect(MediaTypes.fileExtension(forContentType: type) == fileExtension)
    }

    @Test func typesWithoutAnExtension() {
        for type in [nil, "", ";", " ; charset=x", "application/octet-stream", "image/x-custom", "image"] {
            #expect(MediaTypes.fileExtension(forContentType: type) == nil, "\(String(describing: type))")
        }
    }

    // MARK: - MultipartFile

    @Test func aGivenTypeWinsOverBytesAndName() {
        let file = MultipartFile(data: Self.png, filename: "photo.jpg", contentType: "image/x-custom")
        #expect(file.contentType == "image/x-custom")
        #expect(file.filename == "photo.jpg")
        #expect(file.data == Self.png)
    }

    /// The bytes win over the name: a PNG called `photo.jpg` is a PNG (its name is kept).
    @Test func bytesWinOverTheExtension() {
        let file = MultipartFile(data: Self.png, filename: "photo.jpg")
        #expect(file.contentType == "image/png")
        #expect(file.filename == "photo.jpg")
    }

    @Test func theExtensionIsReadWhenTheBytesTellNothing() {
        #expect(MultipartFile(data: Data([1, 2, 3]), filename: "photo.JPEG").contentType == "image/jpeg")
        #expect(MultipartFile(data: Data([1, 2, 3]), filename: "dir/notes.txt").contentType == "text/plain")
        #expect(MultipartFile(data: Data([1, 2, 3]), filename: "archive.tar.gz").contentType == "application/octet-stream")
        #expect(MultipartFile(data: Data([1, 2, 3]), filename: "photo").contentType == "application/octet-stream")
    }

    @Test(arguments: [
        (jpeg, nil, "image/jpeg", "file.jpg"), (png, nil, "image/png", "file.png"),
        (Data([0x49, 0x49, 0x2A, 0x00]), nil, "image/tiff", "file.tiff"),
        (Data([1, 2, 3]), nil, "application/octet-stream", "file"),
        (Data([1, 2, 3]), "image/x-custom", "image/x-custom", "file"),
        (Data([1, 2, 3]), "image/webp; q=1", "image/webp; q=1", "file.webp"),
    ] as [(Data, String?, String, String)])
    func aFileWithoutANameIsCalledFileWithItsTypesExtension(data: Data, given: String?, type: String, filename: String) {
        let file = MultipartFile(data: data, contentType: given)
        #expect(file.contentType == type)
        #expect(file.filename == filename)
    }

    @Test func aFileOnDiskIsReadWithItsNameAndType() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("upload.bin")
        try Self.jpeg.write(to: url)
        let file = try MultipartFile(contentsOf: url)
        #expect(file.data == Self.jpeg)
        #expect(file.filename == "upload.bin")
        #expect(file.contentType == "image/jpeg")
        #expect(try MultipartFile(contentsOf: url, contentType: "image/x-given").contentType == "image/x-given")
        let text = folder.appendingPathComponent("notes.txt")
        try Data("plain words".utf8).write(to: text)
        #expect(try MultipartFile(contentsOf: text).contentType == "text/plain")
        #expect(throws: (any Error).self) { try MultipartFile(contentsOf: folder.appendingPathComponent("missing.png")) }
    }
}
