using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Palisade.Server;

/// <summary>
/// Serves the pages of the Console/ folder under /console: Console/Index.cshtml at /console,
/// Console/Login.cshtml at /console/login.
/// </summary>
internal sealed class ConsoleRouteConvention : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel is { } route)
            {
                route.Template = AttributeRouteModel.CombineTemplates("console", route.Template);
            }
        }
    }
}
