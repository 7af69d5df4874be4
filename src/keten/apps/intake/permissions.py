from keten.apps.common.permissions import Perm

PERMISSIONS = (
    Perm("intake.create_signal", "Record signals of possible trafficking for the own organisation."),
    Perm("intake.view_signals", "See the signals of the own organisation and those forwarded to it."),
    Perm("intake.edit_signal", "Change, screen and add files to signals of the own organisation."),
    Perm("intake.forward_signal", "Forward a signal to another organisation, which may then read it."),
    Perm("intake.close_signal", "Close and reopen signals of the own organisation, with a reason."),
    Perm("intake.import_signals", "Import existing registrations of the own organisation from CSV or Excel."),
    Perm("intake.use_training", "Practise screening with fictional case vignettes."),
)
