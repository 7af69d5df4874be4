from django.conf import settings

from .areas import areas_for


def keten(request):
    actor = getattr(request, "actor", None)
    return {
        "actor": actor,
        "nav_areas": areas_for(actor),
        "demo_mode": settings.KETEN_DEMO_MODE,
    }
