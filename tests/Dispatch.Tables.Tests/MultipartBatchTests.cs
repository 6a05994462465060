using System.Text;
using Dispatch.Tables.Internal;

namespace Dispatch.Tables.Tests;

public sealed class MultipartBatchTests
{
    private const string SuccessContentType = "multipart/mixed; boundary=batchresponse_66ef8e6e-0e13-4d65-b5a4-8e7a0d1a5e21";

    private const string Success =
        "--batchresponse_66ef8e6e-0e13-4d65-b5a4-8e7a0d1a5e21\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_1a2b\r\n" +
        "\r\n" +
        "--changesetresponse_1a2b\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "Preference-Applied: return-no-content\r\n" +
        "DataServiceVersion: 3.0;\r\n" +
        "Location: https://acct.table.core.windows.net/orders(PartitionKey='p',RowKey='1')\r\n" +
        "DataServiceId: https://acct.table.core.windows.net/orders(PartitionKey='p',RowKey='1')\r\n" +
        "ETag: W/\"datetime'2026-11-22T06%3A38%3A00.5614539Z'\"\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_1a2b\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "DataServiceVersion: 1.0;\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_1a2b--\r\n" +
        "--batchresponse_66ef8e6e-0e13-4d65-b5a4-8e7a0d1a5e21--\r\n";

    private const string Failure =
        "--batchresponse_abc\n" +
        "Content-Type: multipart/mixed; boundary=\"changesetresponse_def\"\n" +
        "\n" +
        "--changesetresponse_def\n" +
        "Content-Type: application/http\n" +
        "Content-Transfer-Encoding: binary\n" +
        "\n" +
        "HTTP/1.1 409 Conflict\n" +
        "X-Content-Type-Options: nosniff\n" +
        "DataServiceVersion: 3.0;\n" +
        "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\n" +
        "\n" +
        "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\\nRequestId:9c1e\\nTime:2026-11-22T06:38:00.5614539Z\"}}}\n" +
        "--changesetresponse_def--\n" +
        "--batchresponse_abc--\n";

    [Fact]
    public void Parse_SuccessResponse_ReturnsOnePartPerActionWithETag()
    {
        var parts = MultipartBatch.Parse(SuccessContentType, Encoding.UTF8.GetBytes(Success));

        parts.Count.ShouldBe(2);
        parts[0].Status.ShouldBe(204);
        parts[0].ReasonPhrase.ShouldBe("No Content");
        parts[0].Headers.Single(h => h.Name == "ETag").Value.ShouldBe("W/\"datetime'2026-11-22T06%3A38%3A00.5614539Z'\"");
        parts[0].Body.IsEmpty.ShouldBeTrue();
        parts[1].Headers.Any(h => h.Name == "ETag").ShouldBeFalse();
    }

    [Fact]
    public void Parse_FailureWithLfAndQuotedBoundary_ReturnsTheFailedPartWithItsError()
    {
        var parts = MultipartBatch.Parse("multipart/mixed; boundary=batchresponse_abc", Encoding.UTF8.GetBytes(Failure));

        parts.Count.ShouldBe(1);
        parts[0].Status.ShouldBe(409);
        var (code, message) = TableErrorParser.ParseBody(parts[0].Body.Span);
        code.ShouldBe("EntityAlreadyExists");
        TableTransactionFailedException.ParseIndex(message).ShouldBe(1);
    }

    [Fact]
    public void Parse_NoBoundary_ThrowsFormatException()
    {
        Should.Throw<FormatException>(() => MultipartBatch.Parse("multipart/mixed", Encoding.UTF8.GetBytes(Success)));
    }

    [Fact]
    public void Write_TwoActions_ProducesAbsoluteUrlsAndSingleLineJson()
    {
        var body = Encoding.UTF8.GetString(MultipartBatch.Write("batch_1", "changeset_1", "http://127.0.0.1:10002/devstoreaccount1/orders",
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "1") { ["V"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "a'b c")),
        ]));

        body.ShouldStartWith("--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n");
        body.ShouldContain("POST http://127.0.0.1:10002/devstoreaccount1/orders HTTP/1.1\r\n");
        body.ShouldContain("\r\n{\"PartitionKey\":\"p\",\"RowKey\":\"1\",\"V\":1}\r\n");
        body.ShouldContain("DELETE http://127.0.0.1:10002/devstoreaccount1/orders(PartitionKey='p',RowKey='a%27%27b%20c') HTTP/1.1\r\n");
        body.ShouldContain("If-Match: *\r\n");
        body.ShouldEndWith("--changeset_1--\r\n--batch_1--\r\n");
    }

    [Theory]
    [InlineData("0:The batch request operation exceeds the maximum 100 changes per change set.", 0)]
    [InlineData("12:Bad", 12)]
    [InlineData("The specified entity already exists.", null)]
    [InlineData("", null)]
    public void ParseIndex_ServiceMessage_ReadsPrefix(string message, int? expected)
    {
        TableTransactionFailedException.ParseIndex(message).ShouldBe(expected);
    }
}
