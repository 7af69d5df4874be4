from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def paginated(serializer_class):
    """The schema of a paginated list of ``serializer_class`` (for APIViews that paginate by hand)."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name=f"Paginated{serializer_class.__name__.removesuffix('Out')}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


def page_parameters():
    from drf_spectacular.utils import OpenApiParameter

    return [OpenApiParameter("page", int, description="Page number, from 1."),
            OpenApiParameter("page_size", int, description="Results per page (at most 500; default 50).")]
