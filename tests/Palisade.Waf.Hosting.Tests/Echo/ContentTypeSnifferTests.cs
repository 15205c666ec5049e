using System.Text;
using Palisade.Waf.Hosting.Echo;

namespace Palisade.Waf.Hosting.Tests.Echo;

public sealed class ContentTypeSnifferTests
{
    [Theory]
    [InlineData("<!DOCTYPE html><html>", ContentTypeSniffer.TextHtml)]
    [InlineData("\r\n\t<HTML>", ContentTypeSniffer.TextHtml)]
    [InlineData("<p>Name: <%= @user.name %></p>", ContentTypeSniffer.TextHtml)]
    [InlineData("<a href=x>", ContentTypeSniffer.TextHtml)]
    [InlineData("<abbr>", ContentTypeSniffer.TextPlain)]
    [InlineData("<?xml version=\"1.0\"?>", "text/xml; charset=utf-8")]
    [InlineData("%PDF-1.4", "application/pdf")]
    [InlineData("GIF89a....", "image/gif")]
    [InlineData("Warning: mysql_connect()", ContentTypeSniffer.TextPlain)]
    [InlineData("", ContentTypeSniffer.TextPlain)]
    public void Detect_Text_TypeOfItsSignature(string content, string expected)
    {
        Assert.Equal(expected, ContentTypeSniffer.Detect(Encoding.Latin1.GetBytes(content)));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 }, ContentTypeSniffer.OctetStream)]
    [InlineData(new byte[] { 0x1C, 0x5B }, ContentTypeSniffer.OctetStream)]
    [InlineData(new byte[] { 0x1B, 0x5B }, ContentTypeSniffer.TextPlain)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x00 }, ContentTypeSniffer.TextPlain)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0xC3, 0xA9, 0x0A }, ContentTypeSniffer.TextPlain)]
    public void Detect_Bytes_BinaryOrSignature(byte[] content, string expected)
    {
        Assert.Equal(expected, ContentTypeSniffer.Detect(content));
    }
}
