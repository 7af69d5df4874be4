from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("linkage.run", "Start the linkage of person records across organisations and see its results."),
    Perm("linkage.view_statistics", "See unique persons and the estimate of the hidden number from linked records."),
)
