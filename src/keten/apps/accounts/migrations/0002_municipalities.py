"""Loads the municipality code list as it stood when this migration was written."""

from django.db import migrations


def load(apps, schema_editor):
    from keten.apps.accounts.codelists import municipality_rows

    Municipality = apps.get_model("accounts", "Municipality")
    for row in municipality_rows():
        Municipality.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "region": row["region"]})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
