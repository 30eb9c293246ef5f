import Foundation
import IdeogramClient
import Testing

/// Every operation through a capturing transport: method, URL, headers, and
/// the exact JSON or multipart bytes, with an injected boundary.
struct OperationRequestTests {
    let multipartType = "multipart/form-data; boundary=\(Fixtures.boundary)"

    func expectRequest(
        _ request: Ideogram.HTTPRequest?, _ method: String, _ url: String, contentType: String? = nil, body: Data? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let request else {
            Issue.record("no request was sent", sourceLocation: sourceLocation)
            return
        }
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.url.absoluteString == url, sourceLocation: sourceLocation)
        #expect(request.value(forHeader: "Api-Key") == Fixtures.apiKey, sourceLocation: sourceLocation)
        #expect(request.value(forHeader: "Accept") == "application/json", sourceLocation: sourceLocation)
        #expect(request.value(forHeader: "Content-Type") == contentType, sourceLocation: sourceLocation)
        #expect(request.body == body, "\(String(decoding: request.body ?? Data(), as: UTF8.self))", sourceLocation: sourceLocation)
    }

    func multipart(_ build: (inout ExpectedMultipart) -> Void) -> Data {
        var expected = ExpectedMultipart(boundary: Fixtures.boundary)
        build(&expected)
        return expected.bytes
    }

    // MARK: - Ideogram 3.0

    @Test func generateV3WithStyleReferenceAndPalette() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        let result = try await Fixtures.client(transport).generateImageV3(.init(
            prompt: "a cat in a hat", seed: 42, aspectRatio: ._16x9, renderingSpeed: .turbo, magicPrompt: .off,
            numImages: 2, colorPalette: .presetName(.init(name: .ember)), styleCodes: ["AAAAAAAA", "BBBBBBBB"],
            styleType: .design, stylePreset: ._80sIllustration, styleReferenceImages: [Fixtures.image, Fixtures.mask]))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/generate",
                      contentType: multipartType, body: multipart { m in
            m.text("prompt", "a cat in a hat")
            m.text("seed", "42")
            m.text("aspect_ratio", "16x9")
            m.text("rendering_speed", "TURBO")
            m.text("magic_prompt", "OFF")
            m.text("num_images", "2")
            m.text("color_palette", #"{"name":"EMBER"}"#, contentType: "application/json")
            m.text("style_codes", "AAAAAAAA")
            m.text("style_codes", "BBBBBBBB")
            m.text("style_type", "DESIGN")
            m.text("style_preset", "80S_ILLUSTRATION")
            m.file("style_reference_images", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.file("style_reference_images", filename: "mask.jpg", contentType: "image/jpeg", bytes: Fixtures.jpeg)
        })
        #expect(result.data.first?.seed == 12345)
        #expect(result.data.first?.styleType == .general)
        #expect(result.created == Date(timeIntervalSince1970: 1_730_455_574.744267))
    }

    @Test func generateTransparentV3() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).generateImageV3Transparent(.init(prompt: "logo", upscaleFactor: .x2, renderingSpeed: .quality))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/generate-transparent",
                      contentType: multipartType, body: multipart { m in
            m.text("prompt", "logo")
            m.text("upscale_factor", "X2")
            m.text("rendering_speed", "QUALITY")
        })
    }

    @Test func inpaintV3WithMembersPalette() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).inpaintImageV3(.init(
            image: Fixtures.image, mask: Fixtures.mask, prompt: "sky",
            colorPalette: .members(.init(members: [.init(colorHex: "#FF0000", colorWeight: 0.5)]))))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/inpaint",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.file("mask", filename: "mask.jpg", contentType: "image/jpeg", bytes: Fixtures.jpeg)
            m.text("prompt", "sky")
            m.text("color_palette", ##"{"members":[{"color_hex":"#FF0000","color_weight":0.5}]}"##, contentType: "application/json")
        })
    }

    @Test func editV3() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).editImageV3(.init(image: Fixtures.image, mask: Fixtures.mask, prompt: "hat", numImages: 1))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/edit",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.file("mask", filename: "mask.jpg", contentType: "image/jpeg", bytes: Fixtures.jpeg)
            m.text("prompt", "hat")
            m.text("num_images", "1")
        })
    }

    @Test func remixV3() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).remixImageV3(.init(image: Fixtures.image, prompt: "watercolor", imageWeight: 70, characterReferenceImages: [Fixtures.image]))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/remix",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("prompt", "watercolor")
            m.text("image_weight", "70")
            m.file("character_reference_images", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
        })
    }

    @Test func reframeV3() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).reframeImageV3(.init(image: Fixtures.image, resolution: ._1024x1024))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/reframe",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("resolution", "1024x1024")
        })
    }

    @Test func replaceBackgroundV3() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3)
        _ = try await Fixtures.client(transport).replaceBackgroundV3(.init(image: Fixtures.image, prompt: "beach", magicPrompt: .on))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/replace-background",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("prompt", "beach")
            m.text("magic_prompt", "ON")
        })
    }

    @Test func removeBackground() async throws {
        let transport = CapturingTransport(json: #"{"created": "2000-01-23T04:56:07Z", "data": [{"url": null, "is_image_safe": false}]}"#)
        let result = try await Fixtures.client(transport).removeBackground(.init(image: Fixtures.image))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/remove-background",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
        })
        #expect(result.data.first?.url == nil)
        #expect(result.data.first?.isImageSafe == false)
    }

    @Test func layerizeTextV3() async throws {
        let transport = CapturingTransport(json: #"{"base_image_url": "https://x.test/a.png", "original_image_url": null, "seed": 3}"#)
        let result = try await Fixtures.client(transport).layerizeTextV3(.init(image: Fixtures.image, prompt: "poster", seed: 3))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/layerize-text",
                      contentType: multipartType, body: multipart { m in
            m.file("image", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("prompt", "poster")
            m.text("seed", "3")
        })
        #expect(result.seed == 3)
    }

    // MARK: - Legacy and v1

    @Test func v1Edit() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesV3.replacingOccurrences(of: "\"1024x1024\"", with: "\"1024x1024\""))
        _ = try await Fixtures.client(transport).editImageV1(.init(prompt: "edit", images: [Fixtures.image], imageURLs: ["https://x.test/a.png"]))
        let request = transport.last
        #expect(request?.url.absoluteString == "https://api.ideogram.ai/v1/edit")
        let body = String(decoding: request?.body ?? Data(), as: UTF8.self)
        #expect(body.contains("name=\"images\"; filename=\"cat.png\""))
        #expect(body.contains("name=\"image_urls\"\r\n\r\nhttps://x.test/a.png\r\n"))
    }

    @Test func upscaleSendsTheImageRequestAsJSONPart() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesLegacy)
        let result = try await Fixtures.client(transport).upscaleImage(.init(
            imageRequest: .init(prompt: "sharper", resemblance: 80, magicPromptOption: .auto), imageFile: Fixtures.image))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/upscale",
                      contentType: multipartType, body: multipart { m in
            m.text("image_request", #"{"magic_prompt_option":"AUTO","prompt":"sharper","resemblance":80}"#, contentType: "application/json")
            m.file("image_file", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
        })
        #expect(result.data.first?.isImageSafe == false)
        #expect(result.created == Date(timeIntervalSince1970: 948_603_367))
    }

    @Test func describe() async throws {
        let transport = CapturingTransport(json: #"{"descriptions": [{"text": "A cat."}]}"#)
        let result = try await Fixtures.client(transport).describe(.init(imageFile: Fixtures.image, describeModelVersion: .v3))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/describe",
                      contentType: multipartType, body: multipart { m in
            m.file("image_file", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("describe_model_version", "V_3")
        })
        #expect(result.descriptions?.first?.text == "A cat.")
    }

    @Test func legacyGenerateSendsJSON() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesLegacy)
        _ = try await Fixtures.client(transport).generateImage(.init(imageRequest: .init(
            prompt: "a cat", aspectRatio: ._16x9, model: .v2Turbo, magicPromptOption: .on, numImages: 1)))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/generate", contentType: "application/json",
                      body: Data(#"{"image_request":{"aspect_ratio":"ASPECT_16_9","magic_prompt_option":"ON","model":"V_2_TURBO","num_images":1,"prompt":"a cat"}}"#.utf8))
    }

    @Test func legacyEdit() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesLegacy)
        _ = try await Fixtures.client(transport).editImage(.init(imageFile: Fixtures.image, mask: Fixtures.mask, prompt: "hat", model: .v2))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/edit", contentType: multipartType, body: multipart { m in
            m.file("image_file", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.file("mask", filename: "mask.jpg", contentType: "image/jpeg", bytes: Fixtures.jpeg)
            m.text("prompt", "hat")
            m.text("model", "V_2")
        })
    }

    @Test func legacyRemix() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesLegacy)
        _ = try await Fixtures.client(transport).remixImage(.init(imageRequest: .init(prompt: "ink", imageWeight: 30), imageFile: Fixtures.image))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/remix", contentType: multipartType, body: multipart { m in
            m.text("image_request", #"{"image_weight":30,"prompt":"ink"}"#, contentType: "application/json")
            m.file("image_file", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
        })
    }

    @Test func legacyReframe() async throws {
        let transport = CapturingTransport(json: Fixtures.imagesLegacy)
        _ = try await Fixtures.client(transport).reframeImage(.init(imageFile: Fixtures.image, resolution: ._1024x1024, model: .v2))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/reframe", contentType: multipartType, body: multipart { m in
            m.file("image_file", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.text("resolution", "RESOLUTION_1024_1024")
            m.text("model", "V_2")
        })
    }

    // MARK: - Datasets and models

    @Test func listDatasets() async throws {
        let transport = CapturingTransport(json: #"{"datasets": [{"dataset_id": "d1", "name": "cats", "user_id": "u", "creation_time": "2026-03-31T10:00:00.000Z"}]}"#)
        let result = try await Fixtures.client(transport).listDatasets()
        expectRequest(transport.last, "GET", "https://api.ideogram.ai/datasets")
        #expect(result.datasets.first?.datasetID == "d1")
        #expect(result.datasets.first?.creationTime == Date(timeIntervalSince1970: 1_774_951_200))
    }

    @Test func createDataset() async throws {
        let transport = CapturingTransport(json: #"{"dataset_id": "d1", "name": "cats", "user_id": "u", "creation_time": "2026-03-31T10:00:15.000Z"}"#)
        _ = try await Fixtures.client(transport).createDataset(.init(name: "cats"))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/datasets", contentType: "application/json",
                      body: Data(#"{"name":"cats"}"#.utf8))
    }

    @Test func getDatasetEncodesThePathParameter() async throws {
        let transport = CapturingTransport(json: #"{"dataset": {"dataset_id": "a/b", "name": "n", "user_id": "u", "creation_time": "2026-03-31T10:00:00Z"}, "files": [], "total_files": 0}"#)
        _ = try? await Fixtures.client(transport).getDataset(datasetID: "a/b c?")
        expectRequest(transport.last, "GET", "https://api.ideogram.ai/datasets/a%2Fb%20c%3F")
    }

    @Test func uploadDatasetAssetsRepeatsFileParts() async throws {
        let transport = CapturingTransport(json: "{}")
        _ = try? await Fixtures.client(transport).uploadDatasetAssets(datasetID: "d1", request: .init(files: [Fixtures.image, Fixtures.mask]))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/datasets/d1/upload_assets",
                      contentType: multipartType, body: multipart { m in
            m.file("files", filename: "cat.png", contentType: "image/png", bytes: Fixtures.png)
            m.file("files", filename: "mask.jpg", contentType: "image/jpeg", bytes: Fixtures.jpeg)
        })
    }

    @Test func trainModelV3() async throws {
        let transport = CapturingTransport(json: "{}")
        _ = try? await Fixtures.client(transport).trainModelV3(.init(datasetID: "d1", modelName: "cats"))
        expectRequest(transport.last, "POST", "https://api.ideogram.ai/v1/ideogram-v3/train-model", contentType: "application/json",
                      body: Data(#"{"dataset_id":"d1","model_name":"cats"}"#.utf8))
    }

    @Test func listCustomModelsRepeatsTheStatusQuery() async throws {
        let transport = CapturingTransport(json: #"{"models": []}"#)
        _ = try await Fixtures.client(transport).listCustomModels(scope: .owned, status: [.training, .completed])
        expectRequest(transport.last, "GET", "https://api.ideogram.ai/models?scope=owned&status=TRAINING&status=COMPLETED")
    }

    @Test func getCustomModel() async throws {
        let transport = CapturingTransport(json: "{}")
        _ = try? await Fixtures.client(transport).getCustomModel(modelID: "m-1")
        expectRequest(transport.last, "GET", "https://api.ideogram.ai/models/m-1")
    }
}
