using System.Text;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// The urlencoded body of a profile form: the usual contact fields, a CSRF token, a few checkboxes and a free-text
/// "about me" field filled with plain sentences, word by word, until the body reaches the requested size.
/// Deterministic.
/// </summary>
internal static class ProfileFormBody
{
    private static readonly string[] Fields =
    [
        "csrf_token=Zk3J9qQ2xV7mR1pL8sT4uW6yB0cD5eF3gH2iK7jM9nP",
        "first_name=Maria",
        "last_name=Keller",
        "email=maria.keller%40example.com",
        "phone=%2B49+30+5551234",
        "street=Friedrichstra%C3%9Fe+123",
        "postal_code=10117",
        "city=Berlin",
        "country=DE",
        "birth_date=1988-04-17",
        "language=de-DE",
        "timezone=Europe%2FBerlin",
        "company=Keller+%26+Sons+Logistics",
        "job_title=Operations+Manager",
        "newsletter=on",
        "order_updates=on",
        "sms_notifications=off",
    ];

    /// <summary>Plain sentences for the free-text field, encoded as a browser does (spaces as +, commas as %2C).</summary>
    private static readonly string[] AboutSentences =
    [
        "I+run+trails+in+the+mountains+most+weekends+and+organise+group+trips+with+friends.",
        "Shoe+size+42%2C+wide+fit+preferred%2C+and+I+like+bright+colours+for+night+runs.",
        "Please+deliver+parcels+to+the+reception+desk+on+the+ground+floor+during+office+hours.",
        "I+am+training+for+a+half+marathon+in+spring+and+look+for+light+shoes+with+good+grip.",
        "Happy+to+test+new+products+and+write+reviews+after+a+month+of+regular+use.",
    ];

    public static string Build(int targetBytes)
    {
        var words = string.Join('+', AboutSentences).Split('+');
        var body = new StringBuilder(string.Join('&', Fields));
        body.Append("&about=").Append(words[0]);
        for (var i = 1; body.Length < targetBytes; i++)
        {
            body.Append('+').Append(words[i % words.Length]);
        }

        return body.ToString();
    }
}
