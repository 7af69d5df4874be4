import pytest
from cryptography.fernet import Fernet
from django.db import connection, models
from hypothesis import given
from hypothesis import strategies as st

from keten.apps.common import crypto
from keten.apps.common.fields import EncryptedTextField
from keten.apps.common.rotation import rotate_all


def test_encrypt_roundtrip_and_ciphertext_hides_plaintext():
    stored = crypto.encrypt("Ana-Maria Popescu")
    assert stored.startswith("fernet:")
    assert "Popescu" not in stored
    assert crypto.decrypt(stored) == "Ana-Maria Popescu"
    assert crypto.encrypt("x") != crypto.encrypt("x"), "encryption must be randomised"


def test_values_under_an_old_key_still_decrypt_and_rotate_to_the_primary(settings):
    old_key = settings.KETEN_FIELD_KEYS[1]
    old_token = "fernet:" + Fernet(old_key.encode()).encrypt(b"geheim").decode()
    assert crypto.decrypt(old_token) == "geheim"
    assert not crypto.is_current(old_token)
    rotated = crypto.rotate(old_token)
    assert crypto.is_current(rotated)
    assert crypto.decrypt(rotated) == "geheim"


def test_a_value_without_any_matching_key_fails_loudly(settings):
    foreign = "fernet:" + Fernet(Fernet.generate_key()).encrypt(b"x").decode()
    with pytest.raises(Exception, match="cannot be decrypted"):
        crypto.decrypt(foreign)


def test_pseudonym_ignores_case_accents_and_spacing_but_not_the_domain_or_key(settings):
    a = crypto.pseudonym("Ana-Maria  Popescu", domain="name")
    assert a == crypto.pseudonym("ana maria popescu", domain="name")
    assert a == crypto.pseudonym("ÁNA MARÍA POPESCU", domain="name")
    assert a != crypto.pseudonym("Ana-Maria Popescu", domain="name+dob")
    assert a != crypto.pseudonym("Ana Popescu", domain="name")
    settings.KETEN_PSEUDONYM_KEY = "another key"
    assert a != crypto.pseudonym("Ana-Maria Popescu", domain="name")


@given(st.text(max_size=60))
def test_pseudonym_is_a_stable_hex_digest(value):
    p = crypto.pseudonym(value, domain="name")
    assert len(p) == 64 and int(p, 16) >= 0
    assert p == crypto.pseudonym(crypto.normalise_for_pseudonym(value), domain="name")


class Secret(models.Model):
    note = EncryptedTextField(blank=True)

    class Meta:
        app_label = "common"


@pytest.fixture
def secret_table(transactional_db):
    with connection.schema_editor() as editor:
        editor.create_model(Secret)
    yield Secret
    with connection.schema_editor() as editor:
        editor.delete_model(Secret)


def _raw(pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT note FROM {Secret._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_encrypted_field_stores_ciphertext_and_reads_plaintext(secret_table):
    s = Secret.objects.create(note="Slachtoffer vertelde over schulden bij de uitzender")
    assert "schulden" not in _raw(s.pk)
    assert Secret.objects.get(pk=s.pk).note == "Slachtoffer vertelde over schulden bij de uitzender"
    with pytest.raises(TypeError, match="cannot be filtered"):
        Secret.objects.filter(note__icontains="schulden")


def test_key_rotation_reencrypts_every_stale_value(secret_table, settings):
    old_key = settings.KETEN_FIELD_KEYS[1]
    s1 = Secret.objects.create(note="nieuw")
    with connection.cursor() as cursor:  # a value written before the rotation, under the old key
        old = "fernet:" + Fernet(old_key.encode()).encrypt(b"oud").decode()
        cursor.execute(f"INSERT INTO {Secret._meta.db_table} (note) VALUES (%s)", [old])
    s2 = Secret.objects.exclude(pk=s1.pk).get()
    assert rotate_all(dry_run=True)["common.Secret.note"] == 1
    assert not crypto.is_current(_raw(s2.pk))
    assert rotate_all()["common.Secret.note"] == 1
    assert crypto.is_current(_raw(s2.pk))
    assert Secret.objects.get(pk=s2.pk).note == "oud"
    assert rotate_all()["common.Secret.note"] == 0
